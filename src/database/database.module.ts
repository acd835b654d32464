import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { Database } from './database.js';
import { withStartupLock } from './startup-lock.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.database.sqlitePath) mkdirSync(dirname(config.database.sqlitePath), { recursive: true });
        return { ...dataSourceOptions(config), migrationsRun: false, retryAttempts: 0 };
      },
      // Migrations run here, under the start-up lock, so instances starting together do not race.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await withStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
        return dataSource;
      },
    }),
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}
