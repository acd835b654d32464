// npm run audit:verify: recompute the audit chain and every audited row from the configured database.
// It opens the database read-only, runs no migration and no scheduler, and writes nothing.
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { verifyChain, verifyData, type ChainResult, type DataResult, type NamedBreak } from './audit-verification.js';

/** The database as it is, read-only: no migrations, no WAL switch on SQLite, read-only transactions on PostgreSQL. */
export function readOnlyOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const options = dataSourceOptions(config);
  if (options.type === 'better-sqlite3') return { ...options, migrationsRun: false, enableWAL: false, readonly: true, fileMustExist: true };
  if (options.type === 'postgres') return { ...options, migrationsRun: false, poolSize: 1, extra: { options: '-c default_transaction_read_only=on' } };
  throw new Error(`No read-only configuration for ${options.type}`);
}

export async function verifyDatabase(config: Pick<AppConfig, 'database'>): Promise<{ chain: ChainResult; data: DataResult }> {
  const source = await new DataSource(readOnlyOptions(config)).initialize();
  try {
    return await source.transaction(async (manager) => ({ chain: await verifyChain(manager), data: await verifyData(manager) }));
  } finally {
    await source.destroy();
  }
}

/** The report for the person at the terminal; exit code 0 when everything verifies, 1 otherwise. */
export function summarise({ chain, data }: { chain: ChainResult; data: DataResult }): { lines: string[]; code: number } {
  const lines = chain.valid
    ? [`Audit chain verified: ${chain.eventsChecked} events in ${chain.chainsChecked} chains, last hash ${chain.lastHash}`]
    : [
        `Audit chain BROKEN at event ${chain.firstBreak!.sequence}${chainName(chain.firstBreak!)}: ${chain.firstBreak!.problem} (${chain.eventsChecked} events intact)`,
        ...chain.breaks.slice(1).map((b) => `  also broken at event ${b.sequence}${chainName(b)}: ${b.problem}`),
        `  last intact hash ${chain.lastIntactHash}; last stored hash ${chain.lastHash}`,
      ];
  if (chain.legacy?.valid) lines.push(`Converted from the single chain: ${chain.legacy.events} events re-hash to its last hash ${chain.legacy.lastHash}`);
  if (data.valid) lines.push(`Data verified: ${data.rowsChecked} audited rows match the trail`);
  else {
    lines.push(`Data CHANGED outside the app: ${data.mismatchCount} ${data.mismatchCount === 1 ? 'mismatch' : 'mismatches'} in ${data.rowsChecked} audited rows`);
    for (const m of data.mismatches) lines.push(`  ${m.table} ${m.row}${m.field ? ` ${m.field}` : ''}${m.sequence ? ` (event ${m.sequence})` : ''}: ${m.problem}`);
  }
  return { lines, code: chain.valid && data.valid ? 0 : 1 };
}

function chainName(b: NamedBreak): string {
  return b.roundId ? ` in the chain of round ${b.roundId}` : b.chain === 'legacy' ? ' in the single chain before the conversion' : ' in the system chain';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  verifyDatabase(loadConfig()).then(
    (result) => {
      const { lines, code } = summarise(result);
      console.log(lines.join('\n'));
      process.exit(code);
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(2);
    },
  );
}
