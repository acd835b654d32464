import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { Clock } from '../../src/common/clock.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { loadDemoUsers } from '../../src/seed/demo-fixtures.js';
import { SeedService } from '../../src/seed/seed.service.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

export const DEMO = loadDemoUsers();

// nestjs-pino builds one logger per process, with the first app's destination and level, and test
// files share a process (test/support/test-groups.ts). So every test app logs into this one stream,
// which passes the lines on to the latest app's destination (or drops them), at that app's level.
let logTarget: NodeJS.WritableStream | null = null;
const TEST_PASSWORD_HASH_COST = { memoryCost: 1024, timeCost: 1 };
const processLog = new Writable({ write(chunk, _encoding, done) { logTarget?.write(chunk); done(); } });

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  clock: Clock;
  /** Where the app listens (http://127.0.0.1:<port>): every test app listens, so requests reuse connections. */
  url: string;
  http: () => ReturnType<typeof request>;
  /** Signs in a demo (or any) user and returns the bearer token. */
  tokenFor(email: string, password?: string): Promise<string>;
  /** Closes the app; the database stays for a restart unless dropDatabase is set. */
  close(options?: { dropDatabase?: boolean }): Promise<void>;
}

export async function startTestApp(options: {
  db?: TestDatabase;
  seed?: boolean;
  demoRounds?: boolean;
  env?: Record<string, string>;
  logDestination?: NodeJS.WritableStream;
  /** The instance's clock starts at this time, before any start-up work (never a real wait). */
  now?: Date;
} = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: db.dataDir,
    AUTH_SECRET: 'test-secret-that-is-long-enough-to-be-accepted',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ADDRESS_RATE_LIMIT: '100000',
    // Lifetimes long enough for tests that move the clock by weeks to keep their sign-ins;
    // test/accounts.e2e-spec.ts checks the real defaults.
    TOKEN_TTL_MINUTES: String(10 * 365 * 24 * 60),
    SESSION_IDLE_MINUTES: String(10 * 365 * 24 * 60),
    SESSION_ABSOLUTE_HOURS: String(10 * 365 * 24),
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...options.env,
  });
  config.logDestination = processLog;
  // Test accounts are throwaway: hash their passwords at argon2id's lowest sensible cost (1 MiB, 1 pass),
  // about a tenth of the CPU of the real setting, which src/auth/passwords.spec.ts pins.
  config.passwordHashCost = TEST_PASSWORD_HASH_COST;
  logTarget = options.logDestination ?? null;
  const app = await createApp(config, { beforeInit: (built) => options.now && built.get(Clock).set(options.now) });
  PinoLogger.root.level = config.logLevel;
  if (options.seed ?? true) await app.get(SeedService).seedIfEmpty({ rounds: options.demoRounds ?? false });
  // Listening once and sending to the address: given the server itself, supertest opened a port, a
  // connection and closed both for every request (more than half of a small request's cost).
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const http = () => request(url);
  return {
    app,
    config,
    db,
    url,
    clock: app.get(Clock),
    http,
    async tokenFor(email, password = DEMO.demoPassword) {
      const response = await http().post('/api/auth/login').send({ email, password });
      if (response.status !== 200) throw new Error(`Sign-in as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    async close(closeOptions = { dropDatabase: true }) {
      await app.close();
      if (closeOptions.dropDatabase) await db.drop();
    },
  };
}
