// npm run bench:load: what a score save costs beside a bare NestJS + TypeORM endpoint that validates the
// same body and inserts one row, with 50 panellists saving at once for a fixed time, on SQLite and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server) on PostgreSQL; then the read sweep:
// the round, the moderation API and the moderation page at 10, 100 and 400 bids (40 panellists x 50
// questions), with their latency and bytes. Runs are interleaved (bare, app, bare, app) and the medians
// reported. Then 40 panellists saving in a round of 100 bids, alone and while a lead reloads the round's
// page. Environment: BENCH_SECONDS (5), BENCH_RUNS (2), BENCH_SWEEP ("10,100,400"), BENCH_RELOAD_BIDS (100;
// 0 skips it), BENCH_ONLY ("saves" or "reads" to run one half), BENCH_READS (reads whose name contains one of
// these comma-separated words, e.g. "round page,bids"; all by default).
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import autocannon from 'autocannon';
import BetterSqlite from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { bearer, roundInScoring } from '../support/rounds.js';
import { createTestDatabase } from '../support/test-database.js';
import { DEMO, startTestApp, type TestApp } from '../support/test-app.js';
import { createBareApp } from './bare-app.js';
import { buildSyntheticRound } from './synthetic-round.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const SWEEP = (process.env.BENCH_SWEEP ?? '10,100,400').split(',').filter(Boolean).map(Number);
const ONLY = process.env.BENCH_ONLY;
const RELOAD_BIDS = Number(process.env.BENCH_RELOAD_BIDS ?? 100);
const READS = (process.env.BENCH_READS ?? '').split(',').map((w) => w.trim()).filter(Boolean);
const PANELLISTS = 50;
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

type NextRequest = (n: number, who: number) => { path: string; headers: Record<string, string>; body: string };

interface Run { throughput: number; p50: number; p99: number; non2xx: number; errors: number }

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

async function cannon(url: string, next: NextRequest, rate?: number, connections = PANELLISTS): Promise<Run> {
  let connectionCount = 0;
  const result = await autocannon({
    url, connections, duration: SECONDS, ...(rate ? { overallRate: rate } : {}),
    requests: [{
      method: 'PUT',
      setupRequest: (request: Record<string, unknown>, context: Record<string, number>) => {
        context.who ??= connectionCount++ % connections;
        context.n = (context.n ?? 0) + 1;
        return { ...request, ...next(context.n, context.who) };
      },
    }],
  } as autocannon.Options);
  return { throughput: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const body = (n: number) => JSON.stringify({ mark: n % 5, justification: `Autosaved mark ${n % 5}: what the answer shows about young people` });

/** A round in scoring with 50 panellists and 10 bids, each panellist's cells, over the app's own API. */
async function panelRound(t: TestApp) {
  const lead = await t.tokenFor('commissioner@demo.test');
  const panel = Array.from({ length: PANELLISTS }, (_, i) => ({ email: `bench${i + 1}@example.org`, group: i % 2 === 0 ? 'youngPartner' : 'professional' }));
  for (const [i, m] of panel.entries()) {
    const invited = await t.http().post('/api/users').set(bearer(lead)).send({ email: m.email, displayName: `Bench ${i + 1}`, roles: ['panellist'] }).expect(201);
    await t.http().post(`/api/auth/invitations/${invited.body.invitation.token}`).send({ password: DEMO.demoPassword }).expect(200);
  }
  const bids = Array.from({ length: 10 }, (_, i) => ({ supplierName: `Supplier ${i + 1}`, price: String(100 + i) }));
  const { roundId, tokens } = await roundInScoring(t, bids, {}, panel);
  const work = [];
  for (const m of panel) {
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens[m.email])).expect(200)).body;
    const cells = mine.bids.flatMap((b: { bidId: string; questions: { criterionId: string }[] }) => b.questions.map((q) => ({ bidId: b.bidId, criterionId: q.criterionId })));
    work.push({ token: tokens[m.email], cells });
  }
  return { roundId, work };
}

/** The SQL statements `request` sends through TypeORM (BEGIN and COMMIT included), from the last of `repeat` runs. */
async function statementsOf(t: TestApp, request: () => Promise<void>, repeat = 1): Promise<string[]> {
  const logger = t.app.get(DataSource).logger;
  const original = logger.logQuery.bind(logger);
  let seen: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    seen.push(query.replace(/\s+/g, ' ').slice(0, 100));
    return original(query, parameters, runner);
  };
  try {
    for (let i = 0; i < repeat; i++) {
      seen = [];
      await request();
    }
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

async function saves(kind: 'sqlite' | 'postgres') {
  if (kind === 'postgres' && !PG_URL) return null;
  const previous = process.env.TEST_DATABASE_URL;
  if (kind === 'postgres') process.env.TEST_DATABASE_URL = PG_URL;
  else delete process.env.TEST_DATABASE_URL;
  const appDb = await createTestDatabase();
  const bareDb = await createTestDatabase();
  if (previous === undefined) delete process.env.TEST_DATABASE_URL; else process.env.TEST_DATABASE_URL = previous;
  const t = await startTestApp({ db: appDb });
  const bare = await createBareApp(bareDb.kind === 'sqlite' ? { kind: 'sqlite', file: join(bareDb.dataDir, 'bare.sqlite') } : { kind: 'postgres', url: bareDb.url });
  try {
    process.stdout.write(`${kind}: setting up a round with ${PANELLISTS} panellists ... `);
    const { roundId, work } = await panelRound(t);
    process.stdout.write('done\n');
    const appUrl = t.url; // the test app listens already
    const bareUrl = await listen(bare);
    const appSave: NextRequest = (n, who) => {
      const w = work[who];
      const cell = w.cells[n % w.cells.length];
      return { path: `/api/rounds/${roundId}/bids/${cell.bidId}/scores/${cell.criterionId}`, headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' }, body: body(n) };
    };
    const bareSave: NextRequest = (n, who) => ({ path: `/bare/bid-${who}/question-${n % 20}`, headers: { 'content-type': 'application/json' }, body: body(n) });
    const one = async (url: string, next: NextRequest, times_ = 20) => {
      const times = [];
      for (let i = 0; i < times_; i++) {
        const request = next(i, 0);
        const started = performance.now();
        const response = await fetch(url + request.path, { method: 'PUT', headers: request.headers, body: request.body });
        await response.arrayBuffer();
        times.push(performance.now() - started);
      }
      return median(times);
    };
    // The statements of one change of a mark (an UPDATE) and of one first mark (an INSERT), counted at TypeORM's logger.
    const change = await statementsOf(t, async () => { await one(appUrl, (_n, who) => appSave(0, who), 1); }, 2);
    const first = await statementsOf(t, async () => {
      const request = appSave(0, 1);
      const fresh = work[1].cells.at(-1)!;
      await fetch(appUrl + `/api/rounds/${roundId}/bids/${fresh.bidId}/scores/${fresh.criterionId}`, { method: 'PUT', headers: request.headers, body: request.body });
    });
    const runs: { bare: Run[]; app: Run[] } = { bare: [], app: [] };
    for (let i = 0; i < RUNS; i++) {
      runs.bare.push(await cannon(bareUrl, bareSave));
      runs.app.push(await cannon(appUrl, appSave));
    }
    const paced = await cannon(appUrl, appSave, 50);
    const alone = { bare: await one(bareUrl, bareSave), app: await one(appUrl, appSave) };
    const summary = (list: Run[]) => ({ throughput: median(list.map((r) => r.throughput)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)), failed: list.reduce((s, r) => s + r.non2xx + r.errors, 0) });
    return { kind, bare: summary(runs.bare), app: summary(runs.app), paced: summary([paced]), alone, statements: { change, first } };
  } finally {
    await bare.close();
    await t.close();
    await bareDb.drop();
  }
}

/** The app on a synthetic round of `bids` bids x 40 panellists x 50 questions in a temporary SQLite file, everyone's password the demo one. */
async function onSyntheticRound<T>(bids: number, inScoring: boolean, use: (url: string, roundId: string, file: string, token: (email: string) => Promise<string>) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-sweep-'));
  const file = join(dir, 'sweep.sqlite');
  try {
    const { roundId } = await buildSyntheticRound(file, { bids, panellists: 40, questions: 50 }, { inScoring });
    const sqlite = new BetterSqlite(file);
    sqlite.prepare('UPDATE users SET "passwordHash" = ?').run(await hashPassword(DEMO.demoPassword));
    sqlite.close();
    const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir, AUTH_SECRET: 'bench-secret-that-is-long-enough-to-be-accepted', LOG_LEVEL: 'silent', SEED_DEMO: 'false', SCHEDULER_INTERVAL_SECONDS: '0', LOGIN_RATE_LIMIT: '1000', LOGIN_ADDRESS_RATE_LIMIT: '1000' });
    const app = await createApp(config);
    try {
      const url = await listen(app);
      const token = async (email: string) => {
        const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO.demoPassword }) });
        return ((await login.json()) as { accessToken: string }).accessToken;
      };
      return await use(url, roundId, file, token);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads of the round, moderation and the panellists' pages: latency and bytes (median of three). */
async function read(url: string, path: string, token: string) {
  const times = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const response = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
    bytes = (await response.arrayBuffer()).byteLength;
    status = response.status;
    times.push(performance.now() - started);
  }
  return { ms: median(times), bytes, status };
}

/**
 * The 40 panellists of a round of `bids` bids in scoring saving marks, alone and then while a lead reloads
 * the round's page in a loop: what one reader costs the writers.
 */
async function leadReloading(bids: number) {
  return onSyntheticRound(bids, true, async (url, roundId, file, token) => {
    const sqlite = new BetterSqlite(file, { readonly: true });
    const bidIds = (sqlite.prepare('SELECT id FROM bids WHERE "roundId" = ?').all(roundId) as { id: string }[]).map((b) => b.id);
    const questionIds = (sqlite.prepare('SELECT id FROM criteria WHERE "roundId" = ? AND type = ?').all(roundId, 'quality') as { id: string }[]).map((q) => q.id);
    const emails = (sqlite.prepare('SELECT email FROM users WHERE email LIKE ? OR email LIKE ?').all('yp%@bench.test', 'p%@bench.test') as { email: string }[]).map((u) => u.email);
    sqlite.close();
    const tokens: string[] = [];
    for (const email of emails) tokens.push(await token(email));
    const lead = await token('lead@bench.test');
    const save: NextRequest = (n, who) => ({
      path: `/api/rounds/${roundId}/bids/${bidIds[(n * 7 + who) % bidIds.length]}/scores/${questionIds[n % questionIds.length]}`,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' }, body: body(n),
    });
    const alone = await cannon(url, save, undefined, tokens.length);
    let reading = true;
    const reloads: number[] = [];
    let bytes = 0;
    const reader = (async () => {
      while (reading) {
        const started = performance.now();
        const response = await fetch(`${url}/rounds/${roundId}`, { headers: { authorization: `Bearer ${lead}` } });
        bytes = (await response.arrayBuffer()).byteLength;
        reloads.push(performance.now() - started);
      }
    })();
    const withLead = await cannon(url, save, undefined, tokens.length);
    reading = false;
    await reader;
    return { bids, alone, withLead, reload: { count: reloads.length, p50: median(reloads), bytes } };
  });
}

async function sweep(bids: number) {
  return onSyntheticRound(bids, false, async (url, roundId, file, login) => {
    const sqlite = new BetterSqlite(file, { readonly: true });
    const firstBid = (sqlite.prepare('SELECT id FROM bids WHERE "roundId" = ? ORDER BY "receivedAt", id LIMIT 1').get(roundId) as { id: string }).id;
    const firstQuestion = (sqlite.prepare('SELECT id FROM criteria WHERE "roundId" = ? AND type = ? ORDER BY position LIMIT 1').get(roundId, 'quality') as { id: string }).id;
    sqlite.close();
    const lead = await login('lead@bench.test');
    const panellist = await login('yp1@bench.test');
    const reads: Record<string, { ms: number; bytes: number; status: number }> = {};
    for (const [name, path, token] of [
      ['round API', `/api/rounds/${roundId}`, lead],
      ['round page', `/rounds/${roundId}`, lead],
      ['round page, last page of bids', `/rounds/${roundId}?bidsPage=${Math.ceil(bids / 25)}`, lead],
      ['bids API (default)', `/api/rounds/${roundId}/bids`, lead],
      ['bids API (page 2 of 25)', `/api/rounds/${roundId}/bids?page=2&perPage=25`, lead],
      ['scoring progress API', `/api/rounds/${roundId}/scoring-progress`, lead],
      ['moderation API (one bid)', `/api/rounds/${roundId}/moderation?perPage=1`, lead],
      ['moderation API (default page, 10 bids)', `/api/rounds/${roundId}/moderation`, lead],
      ['moderation API (one bid, reasons=false)', `/api/rounds/${roundId}/moderation?perPage=1&reasons=false`, lead],
      ['moderation API (one cell)', `/api/rounds/${roundId}/moderation?bidId=${firstBid}&criterionId=${firstQuestion}&group=youngPartner`, lead],
      ['moderation page (page 1)', `/rounds/${roundId}/moderation`, lead],
      ['moderation cell page', `/rounds/${roundId}/moderation/${firstBid}/${firstQuestion}/youngPartner`, lead],
      ['my-scoring API', `/api/rounds/${roundId}/my-scoring`, panellist],
      ['my-scoring page', `/rounds/${roundId}/score`, panellist],
      ['single-bid scoring page', `/rounds/${roundId}/score/bids/${firstBid}`, panellist],
    ]) {
      if (READS.length && !READS.some((w) => name.includes(w))) continue;
      reads[name] = await read(url, path, token);
    }
    return { bids, reads, rssMb: Math.round(process.memoryUsage().rss / 1048576) };
  });
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
console.log(`Load benchmark: ${PANELLISTS} connections, ${SECONDS} s per run, ${RUNS} interleaved runs each (medians)\n`);
const results = [];
for (const kind of ONLY === 'reads' ? [] : ['sqlite', 'postgres'] as const) {
  const result = await saves(kind);
  if (!result) {
    console.log('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    continue;
  }
  results.push(result);
}
console.log('\n| database | bare req/s | app req/s | ratio | app p50 | app p99 | bare p50 | bare p99 | app p99 at 50 saves/s | one save alone: app / bare | failed |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.kind} | ${r.bare.throughput.toFixed(0)} | ${r.app.throughput.toFixed(0)} | ${(r.app.throughput / r.bare.throughput).toFixed(2)}x | ${ms(r.app.p50)} | ${ms(r.app.p99)} | ${ms(r.bare.p50)} | ${ms(r.bare.p99)} | ${ms(r.paced.p99)} | ${ms(r.alone.app)} / ${ms(r.alone.bare)} | ${r.app.failed + r.bare.failed + r.paced.failed} |`);
}
for (const r of results) {
  console.log(`\n${r.kind}: ${r.statements.change.length} statements to change a mark, ${r.statements.first.length} for a first mark:`);
  for (const q of r.statements.first) console.log(`  ${q}`);
}
const swept = [];
for (const bids of ONLY === 'saves' ? [] : SWEEP) {
  process.stdout.write(`\nread sweep: building a round of ${bids} bids x 40 panellists x 50 questions ... `);
  swept.push(await sweep(bids));
  process.stdout.write('measured');
}
const cell = (r: { ms: number; bytes: number; status: number }) => `${ms(r.ms)}, ${(r.bytes / 1024).toFixed(1)} KB${r.status === 200 ? '' : ` (HTTP ${r.status})`}`;
const names = Object.keys(swept[0]?.reads ?? {});
console.log(`\n\n| read | ${swept.map((s) => `${s.bids} bids`).join(' | ')} |`);
console.log(`|---|${swept.map(() => '---:').join('|')}|`);
for (const name of names) console.log(`| ${name} | ${swept.map((s) => cell(s.reads[name])).join(' | ')} |`);
console.log(`| process RSS after the reads (server and load generator) | ${swept.map((s) => `${s.rssMb} MB`).join(' | ')} |`);
const reloading = RELOAD_BIDS && ONLY !== 'saves' ? await leadReloading(RELOAD_BIDS) : null;
if (reloading) {
  console.log(`\nA lead reloading the round page (${reloading.reload.count} reloads, p50 ${ms(reloading.reload.p50)}, ${(reloading.reload.bytes / 1024).toFixed(1)} KB) at ${reloading.bids} bids while 40 panellists save:`);
  console.log('| saves | req/s | p50 | p99 | failed |\n|---|---:|---:|---:|---:|');
  for (const [name, r] of [['alone', reloading.alone], ['while the lead reloads', reloading.withLead]] as const) console.log(`| ${name} | ${r.throughput.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.non2xx + r.errors} |`);
}
console.log(JSON.stringify({ saves: results, sweep: swept, reloading }));
process.exit(0);
