// npm run audit:verify: recompute the audit chain from the configured database and name the first broken link.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { AuditService } from './audit.service.js';

async function main(): Promise<number> {
  const config = { ...loadConfig(), logLevel: 'silent' as const };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const result = await app.get(AuditService).verify();
    if (result.valid) {
      console.log(`Audit chain verified: ${result.eventsChecked} events, last hash ${result.lastHash}`);
      return 0;
    }
    console.log(`Audit chain BROKEN at event ${result.firstBreak!.sequence}: ${result.firstBreak!.problem} (${result.eventsChecked} events before it are intact)`);
    return 1;
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
