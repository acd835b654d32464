// Entry point for the TypeORM CLI (npm run migration:generate / migration:run), built to dist/ first.
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

const config = loadConfig();
if (config.database.sqlitePath) mkdirSync(dirname(config.database.sqlitePath), { recursive: true });

export default new DataSource({ ...dataSourceOptions(config), migrationsRun: false });
