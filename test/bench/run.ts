// npm run bench: builds a synthetic round of 800,000 marks in a temporary SQLite file, then measures,
// each in its own process: the results calculation, the workbook export, and ExcelJS's streaming writer
// writing the same rows and cells with no application logic. Prints a table and one JSON line.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildSyntheticRound, SIZE } from './synthetic-round.js';

const TARGETS = { exportRatio: 1.5, peakRssMb: 500, resultsMs: 3000 };

interface Measurement {
  kind: string;
  wallMs: number;
  peakRssMb: number;
  rssBeforeMb: number;
  rows?: number;
  cells?: number;
  bytes?: number;
  sheets?: unknown;
}

const run = promisify(execFile);

async function measure(kind: string, ...args: string[]): Promise<Measurement> {
  const { stdout } = await run(process.execPath, [join(import.meta.dirname, 'measure.js'), kind, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
}

const dir = mkdtempSync(join(tmpdir(), 'rounds-bench-'));
try {
  const file = join(dir, 'bench.sqlite');
  process.stdout.write(`Building a round of ${SIZE.bids} bids x ${SIZE.panellists} panellists x ${SIZE.questions} questions in ${file} ... `);
  const built = performance.now();
  const round = await buildSyntheticRound(file);
  process.stdout.write(`${round.marks.toLocaleString('en-GB')} marks in ${((performance.now() - built) / 1000).toFixed(1)} s\n\n`);

  const results = await measure('results', file, round.roundId);
  const exported = await measure('export', file, round.roundId, join(dir, 'export.xlsx'));
  const sheets = JSON.stringify(exported.sheets);
  const baseline = await measure('baseline', join(dir, 'baseline.xlsx'), sheets);
  const tuned = await measure('baseline-tuned', join(dir, 'baseline-tuned.xlsx'), sheets);

  const ratio = exported.wallMs / baseline.wallMs;
  const rows: [string, Measurement, string][] = [
    ['results calculation (loadResults)', results, `target < ${TARGETS.resultsMs / 1000} s: ${results.wallMs < TARGETS.resultsMs ? 'met' : 'NOT met'}`],
    ['workbook export (streamed to a file)', exported, `${ratio.toFixed(2)}x baseline, target <= ${TARGETS.exportRatio}x: ${ratio <= TARGETS.exportRatio ? 'met' : 'NOT met'}`],
    ['baseline: ExcelJS streaming writer, same rows and cells', baseline, ''],
    ['baseline, tuned: shared styles + waiting for the zip', tuned, `export / tuned = ${(exported.wallMs / tuned.wallMs).toFixed(2)}x`],
  ];
  const mb = (bytes?: number) => (bytes === undefined ? '' : `${(bytes / 1048576).toFixed(1)} MB`);
  console.log(`| measurement | wall time | peak RSS | rows | cells | file | note |`);
  console.log(`|---|---:|---:|---:|---:|---:|---|`);
  for (const [name, m, note] of rows) {
    console.log(`| ${name} | ${(m.wallMs / 1000).toFixed(2)} s | ${m.peakRssMb} MB | ${m.rows?.toLocaleString('en-GB') ?? ''} | ${m.cells?.toLocaleString('en-GB') ?? ''} | ${mb(m.bytes)} | ${note} |`);
  }
  const peak = Math.max(results.peakRssMb, exported.peakRssMb);
  console.log(`\nPeak RSS of the app's measurements: ${peak} MB (target < ${TARGETS.peakRssMb} MB: ${peak < TARGETS.peakRssMb ? 'met' : 'NOT met'})\n`);
  const summary = {
    round: { ...SIZE, marks: round.marks },
    results: { wallMs: results.wallMs, peakRssMb: results.peakRssMb },
    export: { wallMs: exported.wallMs, peakRssMb: exported.peakRssMb, rows: exported.rows, cells: exported.cells, bytes: exported.bytes },
    baseline: { wallMs: baseline.wallMs, peakRssMb: baseline.peakRssMb, bytes: baseline.bytes },
    baselineTuned: { wallMs: tuned.wallMs, peakRssMb: tuned.peakRssMb, bytes: tuned.bytes },
    exportToBaseline: Number(ratio.toFixed(3)),
    exportToTunedBaseline: Number((exported.wallMs / tuned.wallMs).toFixed(3)),
    targets: TARGETS,
    met: { exportRatio: ratio <= TARGETS.exportRatio, peakRss: peak < TARGETS.peakRssMb, results: results.wallMs < TARGETS.resultsMs },
  };
  console.log(JSON.stringify(summary));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
