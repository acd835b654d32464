import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { demoSignInLines } from './seed/demo-sign-ins.js';
import { SeedService } from './seed/seed.service.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const app = await createApp(config);
  const seed = config.seedDemo ? await app.get(SeedService).seedIfEmpty() : null;
  await app.listen(config.port);

  const lines = [
    '',
    `Commissioning rounds is running at ${config.publicUrl} (ready in ${Date.now() - started} ms)`,
    `  API docs: ${config.publicUrl}/api/docs    health: ${config.publicUrl}/health`,
    `  database: ${config.database.kind === 'sqlite' ? config.database.sqlitePath : 'PostgreSQL'}`,
  ];
  if (!seed) lines.push('  No administrator yet? npm run admin:create -- --email you@example.org');
  if (seed) {
    if (seed.seeded) lines.push('  Demo data created. Demo rounds:', ...seed.rounds.map((r) => `    ${r}`));
    lines.push(...demoSignInLines(seed.demo.users, seed.demo.demoPassword));
    const admin = seed.demo.users.find((u) => u.roles.includes('administrator'));
    if (admin) lines.push(`  Administrator (creates commissioner and auditor accounts, changes roles): ${admin.email}`);
    lines.push('');
  }
  // Plain text for the person at the terminal; the structured log carries everything else.
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  // One clear line for a bad configuration; the full error otherwise.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
