import type { DataSource } from 'typeorm';

/** One PostgreSQL advisory lock for every instance's start-up work (any number, any key, as long as all agree). */
const STARTUP_LOCK = 7_310_520_631;

/**
 * Runs start-up work (migrations, demo seeding) while holding a PostgreSQL advisory lock, so instances
 * starting together on one database take turns: the second waits, then finds the work done.
 * SQLite is one file for one instance, so there is nothing to share and no lock.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
