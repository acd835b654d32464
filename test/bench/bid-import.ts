// npm run bench:import: a 500-bid import, measured. Starts the app on a temporary SQLite file (or
// BENCH_DATABASE_URL), seeds the demo (its round open for tenders), writes a 500-bid file as xlsx and as
// CSV from the round's own questions, then checks and confirms each through BidImportService, as the
// API and the page do. Prints wall time and peak memory (RSS, and the JS heap) per step, and one JSON line.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { BidImportService } from '../../src/bid-import/bid-import.service.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { Database } from '../../src/database/database.js';
import { loadCriteriaTree, questionsOf } from '../../src/criteria/criteria-tree.js';
import { Round } from '../../src/round-core/round.entity.js';
import { SeedService } from '../../src/seed/seed.service.js';
import { User } from '../../src/users/user.entity.js';

const BIDS = 500;
const ANSWER = 'We will work alongside young people from the first contact, with named mentors, weekly check-ins and a plan that they write with us; we measure what changes for them and report it to the group every quarter. '.repeat(2);

interface Step { step: string; wallMs: number; peakRssMb: number; rssAboveStartMb: number; peakHeapMb: number; detail: string }

/** Runs `work`, sampling memory every 5 ms: the peak RSS and heap while it ran. */
async function measured(step: string, work: () => Promise<string>): Promise<Step> {
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const started = performance.now();
  const detail = await work();
  const wallMs = Math.round(performance.now() - started);
  clearInterval(sampler);
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return { step, wallMs, peakRssMb: mb(peakRss), rssAboveStartMb: mb(peakRss - startRss), peakHeapMb: mb(peakHeap), detail };
}

async function xlsxFile(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('Bids');
  sheet.addRow(headers).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

const dir = mkdtempSync(join(tmpdir(), 'bid-import-bench-'));
const config = loadConfig({
  DATA_DIR: dir, AUTH_SECRET: 'bench-secret-that-is-long-enough-to-be-accepted', LOG_LEVEL: 'silent', SCHEDULER_INTERVAL_SECONDS: '0',
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
});
const app = await createApp(config);
try {
  await app.get(SeedService).seedIfEmpty({ rounds: true });
  const db = app.get(Database);
  const { round, lead, questions, hasPrice } = await db.read(async (manager) => {
    const open = await manager.findOneByOrFail(Round, { state: 'tendering' });
    const all = questionsOf(await loadCriteriaTree(manager, open.id));
    return { round: open, lead: await manager.findOneByOrFail(User, { id: open.leadId }), questions: all.filter((q) => q.type !== 'price').map((q) => q.key), hasPrice: all.some((q) => q.type === 'price') };
  });
  const headers = ['Supplier name', ...(hasPrice ? ['Price (£)'] : []), 'Received at (UTC)', ...questions];
  const receivedAt = new Date(Date.now() - 3600_000).toISOString();
  const rowsFor = (prefix: string) => Array.from({ length: BIDS }, (_, i) => [`${prefix} bidder ${String(i + 1).padStart(3, '0')}`, ...(hasPrice ? [`${1_000_000 + i * 137}.00`] : []), receivedAt, ...questions.map((key) => `${key}: ${ANSWER}`)]);
  const files = { csv: Buffer.from(stringify([headers, ...rowsFor('CSV')])), xlsx: await xlsxFile(headers, rowsFor('XLSX')) };
  const imports = app.get(BidImportService);
  const steps: Step[] = [];
  for (const format of ['csv', 'xlsx'] as const) {
    let uploadId = '';
    steps.push(await measured(`check ${format}`, async () => {
      const preview = await imports.check(lead, round.id, `bench.${format}`, files[format]);
      if (!preview.clean) throw new Error(`The bench file has problems: ${JSON.stringify(preview.problems.slice(0, 3))}`);
      uploadId = preview.uploadId!;
      return `${preview.rows} bids, ${(files[format].length / 1048576).toFixed(1)} MB file`;
    }));
    steps.push(await measured(`confirm ${format} (one transaction)`, async () => `${(await imports.confirm(lead, round.id, uploadId)).imported} bids registered, one audit event each`));
  }
  console.log(`\n500-bid import on ${config.database.kind} (${questions.length} answers of ${ANSWER.length + 4} characters per bid)\n`);
  console.log('| step | wall time | peak RSS | RSS above start | peak JS heap | detail |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const s of steps) console.log(`| ${s.step} | ${(s.wallMs / 1000).toFixed(2)} s | ${s.peakRssMb} MB | ${s.rssAboveStartMb} MB | ${s.peakHeapMb} MB | ${s.detail} |`);
  console.log(JSON.stringify({ bench: 'bid-import', database: config.database.kind, bids: BIDS, steps }));
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
