import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';

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

/**
 * Every test database starts as a copy of one that the migrations were run on once: a file copy for
 * SQLite, `CREATE DATABASE ... TEMPLATE` for PostgreSQL, where migrating took 0.8 s of each app's start.
 * The template's name holds a hash of the migrations' source, so a new or changed migration makes a new template.
 * `empty: true` gives a database with no tables, for the tests of migrating itself.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rounds-test-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const file = join(dataDir, 'test.sqlite');
    if (!options.empty) copyFileSync(await sqliteTemplate(), file);
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

  const name = uniqueName('rounds_test');
  const template = options.empty ? null : await postgresTemplate(adminUrl);
  await onPostgres(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  const url = databaseUrl(adminUrl, name);
  return {
    kind: 'postgres',
    url,
    dataDir,
    async sql(statement) {
      return (await onPostgres(url, (client) => client.query(statement))).rows;
    },
    async drop() {
      await onPostgres(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The migrations' source (each class's text), so a migration edited in place also makes a new template.
const MIGRATIONS_KEY = createHash('sha256').update(MIGRATIONS.map((m) => m.toString()).join('\n')).digest('hex').slice(0, 12);

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs every migration on an empty database, as the app's first start would. */
async function migrate(databaseUrl: string, dataDir: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, AUTH_SECRET: 'test-secret-that-is-long-enough-to-be-accepted' });
  const source = await new DataSource({ ...dataSourceOptions(config), migrationsRun: false }).initialize();
  try {
    await source.runMigrations({ transaction: 'each' });
    // One file with nothing pending in a write-ahead log, so a plain copy holds everything.
    if (config.database.kind === 'sqlite') await source.query('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await source.destroy();
  }
}

let sqliteTemplateFile: Promise<string> | undefined;
/** The migrated SQLite file in the temporary folder, made by the first worker that needs it. */
function sqliteTemplate(): Promise<string> {
  sqliteTemplateFile ??= (async () => {
    const file = join(tmpdir(), `rounds-template-${MIGRATIONS_KEY}.sqlite`);
    if (existsSync(file)) return file;
    const dataDir = mkdtempSync(join(tmpdir(), 'rounds-template-'));
    try {
      const draft = join(dataDir, 'template.sqlite');
      await migrate(`sqlite:${draft}`, dataDir);
      renameSync(draft, file); // whole or not at all: another worker may be making the same file
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return file;
  })();
  return sqliteTemplateFile;
}

let postgresTemplateName: Promise<string> | undefined;
/** The migrated PostgreSQL database test databases are copied from, made by the first worker that needs it. */
function postgresTemplate(adminUrl: string): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `rounds_template_${MIGRATIONS_KEY}`;
    const exists = async () => (await onPostgres(adminUrl, (admin) => admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))).rowCount === 1;
    if (await exists()) return name;
    const draft = uniqueName('rounds_template_draft');
    await onPostgres(adminUrl, (admin) => admin.query(`CREATE DATABASE ${draft}`));
    const dataDir = mkdtempSync(join(tmpdir(), 'rounds-template-'));
    try {
      await migrate(databaseUrl(adminUrl, draft), dataDir);
      // Renamed only once migrated, so no worker copies a half-made template. If another worker's rename
      // came first, that template is used.
      await onPostgres(adminUrl, (admin) => admin.query(`ALTER DATABASE ${draft} RENAME TO ${name}`)).catch(async (error) => {
        if (!(await exists())) throw error;
      });
    } finally {
      // Gone already when renamed; otherwise a failed or losing draft is not left behind.
      await onPostgres(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${draft} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    }
    return name;
  })();
  return postgresTemplateName;
}
