import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway database for one test file: a SQLite file in a temporary folder by default, or a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set (npm run test:pg). A PostgreSQL that cannot be
 * reached fails the run: it is never silently skipped.
 */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  dataDir: string;
  /** Runs raw SQL against the database outside the app (to tamper with rows, add triggers). */
  sql(statement: string): Promise<unknown[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rounds-test-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const file = join(dataDir, 'test.sqlite');
    const BetterSqlite = (await import('better-sqlite3')).default;
    return {
      kind: 'sqlite',
      url: `sqlite:${file}`,
      dataDir,
      async sql(statement) {
        const db = new BetterSqlite(file);
        try {
          const prepared = db.prepare(statement);
          return prepared.reader ? prepared.all() : (prepared.run(), []);
        } finally {
          db.close();
        }
      },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const name = `rounds_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    dataDir,
    async sql(statement) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(statement)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
