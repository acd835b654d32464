import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** One definition of the database, shared by the app, the tests and the TypeORM CLI. */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (config.database.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: config.database.sqlitePath!,
      enableWAL: true, // readers do not block the writer; foreign keys are switched on by the driver
      timeout: 10_000,
    };
  }
  return { ...common, type: 'postgres', url: config.database.url, poolSize: 10 };
}
