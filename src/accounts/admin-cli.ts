// npm run admin:create -- --email you@example.org [--name "Your Name"]: the first administrator of a new
// installation (no one can invite them). Prints a one-time link to set the password; nothing else is needed.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { ConflictError } from '../common/errors.js';
import { UsersService } from './users.service.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const email = values.email?.trim() ?? '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    console.error('Usage: npm run admin:create -- --email you@example.org [--name "Your Name"]');
    return 2;
  }
  // The demo is never seeded from here: this command is for real installations.
  const config = { ...loadConfig({ ...process.env, SEED_DEMO: 'false' }), logLevel: 'silent' as const, schedulerIntervalSeconds: 0 };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const created = await app.get(UsersService).createAdministrator(email, values.name?.trim() || email.split('@')[0]);
    console.log(`Administrator ${created.user.email} created. Open this link once, within 7 days, to set the password:`);
    console.log(`  ${created.invitation.url}`);
    return 0;
  } catch (error) {
    if (error instanceof ConflictError) {
      console.error(`${error.message}; an administrator can change its roles instead`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
