// One measurement, in its own process so its peak RSS is its own:
//   node measure.js results <db> <roundId>
//   node measure.js export <db> <roundId> <out.xlsx>
//   node measure.js baseline|baseline-tuned <out.xlsx> <sheet stats JSON>
// Prints one JSON line: the wall time of the work itself (set-up excluded) and the process's peak RSS.
import 'reflect-metadata';
import { createWriteStream, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service.js';
import { loadResults } from '../../src/award/results.service.js';
import { Clock } from '../../src/common/clock.js';
import { Database } from '../../src/database/database.js';
import type { SheetStats } from '../../src/exports/workbook-file.js';
import { WorkbookService } from '../../src/exports/workbook.service.js';
import { waitForZip } from '../../src/exports/exceljs-internals.js';
import { RoundCommands } from '../../src/round-core/round-commands.js';
import { Round } from '../../src/round-core/round.entity.js';
import { User } from '../../src/users/user.entity.js';
import { AUDITOR_EMAIL, sqliteOptions } from './synthetic-round.js';

interface Measured {
  wallMs: number;
  [detail: string]: unknown;
}

async function timed(work: () => Promise<Record<string, unknown>>): Promise<Measured> {
  const started = performance.now();
  const detail = await work();
  return { wallMs: Math.round(performance.now() - started), ...detail };
}

async function openDatabase(file: string): Promise<DataSource> {
  return new DataSource({ ...sqliteOptions(file), migrationsRun: false }).initialize();
}

/** The results calculation as GET /results runs it. */
async function results(file: string, roundId: string): Promise<Measured> {
  const dataSource = await openDatabase(file);
  const round = await dataSource.manager.findOneByOrFail(Round, { id: roundId });
  const measured = await timed(async () => {
    const loaded = await loadResults(dataSource.manager, round);
    return { bids: loaded.results.bids.length, winner: loaded.results.bids[0].total };
  });
  await dataSource.destroy();
  return measured;
}

/** The workbook export as the endpoint runs it (access check, audit event, streaming), to a file. */
async function exportWorkbook(file: string, roundId: string, out: string): Promise<Measured> {
  const dataSource = await openDatabase(file);
  const db = new Database(dataSource);
  const clock = new Clock();
  const audit = new AuditService(db, clock);
  const workbooks = new WorkbookService(new RoundCommands(db, clock), db, audit);
  const auditor = await dataSource.manager.findOneByOrFail(User, { email: AUDITOR_EMAIL });
  const measured = await timed(async () => {
    const download = await workbooks.start(auditor, roundId);
    const sheets = await workbooks.write(download, createWriteStream(out));
    return { sheets, rows: total(sheets, 'rows'), cells: total(sheets, 'cells'), bytes: statSync(out).size };
  });
  await dataSource.destroy();
  return measured;
}

/**
 * ExcelJS's streaming writer with no application logic: the same sheets, rows and cells, written in a
 * plain loop as ExcelJS documents it (`addRow(values).commit()`), with the same writer options.
 * "Tuned" adds what the export does at the ExcelJS level: one style object per column kind and waiting
 * for the zip between pages.
 */
async function baseline(out: string, sheets: SheetStats[], tuned: boolean): Promise<Measured> {
  const style = {};
  return timed(async () => {
    const output = createWriteStream(out);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    for (const { sheet, rows, cells } of sheets) {
      const worksheet = book.addWorksheet(sheet);
      for (let r = 0; r < rows; r++) {
        const width = Math.floor(cells / rows) + (r < cells % rows ? 1 : 0);
        const row = worksheet.addRow(Array.from({ length: width }, (_, c) => (c % 2 === 0 ? r + c : `value ${r} in column ${c}`)));
        if (tuned) row.eachCell((cell) => (cell.style = style));
        row.commit();
        if (tuned && r % 2_000 === 0) await waitForZip(worksheet, output);
      }
      worksheet.commit();
    }
    await book.commit();
    return { rows: total(sheets, 'rows'), cells: total(sheets, 'cells'), bytes: statSync(out).size };
  });
}

const total = (sheets: SheetStats[], what: 'rows' | 'cells') => sheets.reduce((sum, s) => sum + s[what], 0);

const [kind, ...args] = process.argv.slice(2);
const rssBeforeMb = Math.round(process.memoryUsage().rss / 1048576);
const measured =
  kind === 'results' ? await results(args[0], args[1])
    : kind === 'export' ? await exportWorkbook(args[0], args[1], args[2])
      : await baseline(args[0], JSON.parse(args[1]) as SheetStats[], kind === 'baseline-tuned');
process.stdout.write(`${JSON.stringify({ kind, ...measured, rssBeforeMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
