import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditDataBaseline1764300000001 } from '../src/database/migrations/1764300000001-audit-data-baseline.js';
import { summarise as report, verifyDatabase } from '../src/audit/verify-cli.js';
import { GENESIS_HASH, hashEvent } from '../src/audit/audit-chain.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { roundWithRecusals } from './support/recusal.js';
import { bearer, roundDefinition } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import type { TestDatabase } from './support/test-database.js';

// The audit trail proves the data, not only the events: a row changed in the database directly is
// named by the verifier (table, row, field, the event that recorded it), over the API and the CLI.

/** Turns the trail back into the previous release's single chain (recipe 1, no chain columns), as the conversion found it. */
async function backToSingleChain(db: TestDatabase): Promise<void> {
  const events = (await db.sql('SELECT sequence, "roundId", "actorId", type, payload, "occurredAt" FROM audit_events ORDER BY sequence')) as { sequence: number; roundId: string | null; actorId: string | null; type: string; payload: string; occurredAt: string }[];
  let prevHash = GENESIS_HASH;
  for (const e of events) {
    const hash = hashEvent(prevHash, { sequence: Number(e.sequence), roundId: e.roundId, actorId: e.actorId, type: e.type, payload: JSON.parse(e.payload), occurredAt: new Date(e.occurredAt) });
    await db.sql(`UPDATE audit_events SET "prevHash" = '${prevHash}', hash = '${hash}' WHERE sequence = ${e.sequence}`);
    prevHash = hash;
  }
  await db.sql('DROP INDEX "IDX_audit_events_chain_position"');
  for (const column of ['chain', 'position', 'legacyHash']) await db.sql(`ALTER TABLE audit_events DROP COLUMN "${column}"`);
  if (db.kind === 'postgres') await db.sql('DROP SEQUENCE audit_events_sequence');
  await db.sql(`DELETE FROM migrations WHERE name = 'AuditChainsPerRound1764700000000'`);
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

describe('audit trail: the data check', () => {
  let t: TestApp;
  let auditor: string;
  let round: Awaited<ReturnType<typeof roundWithRecusals>>;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    auditor = await t.tokenFor('auditor@demo.test');
    // A round at the award decision: rows in every audited table.
    round = await roundWithRecusals(t);
    const { roundId, lead } = round;
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    const cells = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body.items;
    for (const c of cells) {
      await t.http().put(`/api/rounds/${roundId}/bids/${c.bidId}/consensus/${round.q[c.key]}`).set(bearer(lead)).send({ group: c.group, mark: c.marks[0].mark, reason: 'Agreed after discussing the answer in full' }).expect(200);
    }
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: round.bidA }).expect(200);
    const one = async (table: string, where = '') => ((await t.db.sql(`SELECT id FROM ${table} WHERE "roundId" = ${quote(roundId)} ${where} ORDER BY id LIMIT 1`)) as { id: string }[])[0].id;
    ids = {
      scores: await one('scores'), consensus: await one('consensus'), bids: round.bidA, conflict_declarations: await one('conflict_declarations'),
      panel_members: await one('panel_members'), round_transitions: await one('round_transitions'), rounds: roundId,
    };
  });
  afterAll(() => t.close());

  const verify = async () => (await t.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body;

  it('verifies every audited row of an untouched database', async () => {
    const result = await verify();
    expect(result).toMatchObject({ valid: true, chainValid: true, data: { valid: true, mismatchCount: 0, mismatches: [] } });
    expect(result.data.rowsChecked).toBeGreaterThan(40);
    const forRound = (await t.http().get(`/api/rounds/${round.roundId}/audit/verify`).set(bearer(round.lead)).expect(200)).body;
    expect(forRound.data).toMatchObject({ valid: true, mismatchCount: 0 });
  });

  it('the upgrade baseline records every round\'s rows as they stand, chained like any event', async () => {
    // The baseline ran on the previous release's single chain: put the database back in that shape
    // (one chain, recipe 1, no chain columns), run the baseline, then restart, which converts the chain.
    await t.close({ dropDatabase: false });
    await backToSingleChain(t.db);
    const old = await new DataSource({ ...dataSourceOptions(t.config), migrationsRun: false }).initialize();
    const runner = old.createQueryRunner();
    try {
      await new AuditDataBaseline1764300000001().up(runner);
    } finally {
      await runner.release();
      await old.destroy();
    }
    t = await startTestApp({ db: t.db, seed: false });
    const trail = (await t.http().get(`/api/rounds/${round.roundId}/audit`).set(bearer(auditor)).expect(200)).body;
    const baseline = trail.at(-1);
    expect(baseline).toMatchObject({ type: 'audit.data_baseline', actorId: null, chain: round.roundId });
    const forRound = (await t.http().get(`/api/rounds/${round.roundId}/audit/verify`).set(bearer(auditor)).expect(200)).body;
    expect(baseline.payload.data.length).toBe(forRound.data.rowsChecked);
    expect(await verify()).toMatchObject({ valid: true, chainValid: true, data: { valid: true }, legacy: { valid: true } });
  });

  // Each tampering, alone, is named; putting the value back makes the data verify again.
  const TAMPERING: [table: string, column: string, value: string][] = [
    ['scores', 'mark', '9'],
    ['scores', 'justification', quote('Rewritten after the event')],
    ['consensus', 'mark', '9'],
    ['consensus', 'reason', quote('A reason nobody gave')],
    ['bids', 'price', quote('1.00')],
    ['bids', 'compliance', quote('excluded')],
    ['conflict_declarations', 'interest', quote('Nothing to declare')],
    ['panel_members', 'panelCode', quote('ZZ9')],
    ['round_transitions', 'reason', quote('A reason added later')],
    ['rounds', 'awardDecision', 'NULL'],
  ];

  it.each(TAMPERING)('names a change to %s.%s made by SQL, with the event that recorded it', async (table, column, value) => {
    const id = ids[table];
    const [before] = (await t.db.sql(`SELECT "${column}" AS v FROM ${table} WHERE id = ${quote(id)}`)) as { v: unknown }[];
    await t.db.sql(`UPDATE ${table} SET "${column}" = ${value} WHERE id = ${quote(id)}`);
    try {
      const result = await verify();
      expect(result).toMatchObject({ valid: false, chainValid: true, data: { valid: false, mismatchCount: 1 } });
      expect(result.data.mismatches).toEqual([{ roundId: round.roundId, table, row: id, field: column, sequence: expect.any(Number), problem: expect.stringContaining(`${column} differs from what event`) }]);
      const cli = report(await verifyDatabase(t.config));
      expect(cli.code).toBe(1);
      expect(cli.lines.join('\n')).toContain(`${table} ${id} ${column} (event ${result.data.mismatches[0].sequence})`);
    } finally {
      const restore = before.v === null ? 'NULL' : typeof before.v === 'number' ? String(before.v) : quote(String(before.v));
      await t.db.sql(`UPDATE ${table} SET "${column}" = ${restore} WHERE id = ${quote(id)}`);
    }
    expect((await verify()).data.valid).toBe(true);
  });

  it('shows the data check beside the chain check in the workbook', async () => {
    const workbookText = async () => {
      const file = await t.http().get(`/api/rounds/${round.roundId}/workbook.xlsx`).set(bearer(auditor)).buffer(true)
        .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); }).expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.body);
      return JSON.stringify(book.getWorksheet('Audit')!.getSheetValues());
    };
    expect(await workbookText()).toMatch(/all \d+ audited rows .* are as recorded/);
    const [{ mark }] = (await t.db.sql(`SELECT mark FROM scores WHERE id = ${quote(ids.scores)}`)) as { mark: number }[];
    await t.db.sql(`UPDATE scores SET mark = ${mark === 0 ? 1 : 0} WHERE id = ${quote(ids.scores)}`);
    try {
      expect(await workbookText()).toContain(`CHANGED OUTSIDE THE APP, 1 of`);
    } finally {
      await t.db.sql(`UPDATE scores SET mark = ${mark} WHERE id = ${quote(ids.scores)}`);
    }
  });

  it('names a row deleted by SQL, and a row inserted by SQL', async () => {
    const [move] = (await t.db.sql(`SELECT * FROM round_transitions WHERE id = ${quote(ids.round_transitions)}`)) as Record<string, unknown>[];
    await t.db.sql(`DELETE FROM round_transitions WHERE id = ${quote(ids.round_transitions)}`);
    const forged = '00000000-0000-4000-8000-00000000f0f0';
    await t.db.sql(`INSERT INTO round_transitions (id, "roundId", event, "fromState", "toState", "actorId", reason, "occurredAt") VALUES (${quote(forged)}, ${quote(round.roundId)}, 'PUBLISH', 'draft', 'tendering', NULL, NULL, ${quote(String(move.occurredAt))})`);
    const result = await verify();
    expect(result.data.mismatches).toEqual(expect.arrayContaining([
      expect.objectContaining({ table: 'round_transitions', row: forged, field: null, sequence: null, problem: expect.stringContaining('no audit event recorded this row') }),
      expect.objectContaining({ table: 'round_transitions', row: ids.round_transitions, field: null, problem: expect.stringContaining('missing from the database') }),
    ]));
    expect(result.data.mismatchCount).toBe(2);
  });

  it('reports the true last hash when the chain breaks early, and the CLI changes nothing in the database', async () => {
    const head = await verify();
    await t.db.sql(`UPDATE audit_events SET type = 'tampered' WHERE sequence = 3`);
    const broken = await verify();
    expect(broken).toMatchObject({ valid: false, chainValid: false, firstBreak: { sequence: 3 }, lastHash: head.lastHash });
    // Event 3 and the rest of its chain can no longer be trusted; every other chain still counts.
    const untrusted = await t.db.sql('SELECT e.sequence FROM audit_events e JOIN audit_events b ON b.sequence = 3 AND e.chain = b.chain AND e.position >= b.position');
    expect(broken.eventsChecked).toBe(head.eventsChecked - untrusted.length);
    expect(broken.lastIntactHash).toMatch(/^[0-9a-f]{64}$/);
    expect(broken.lastIntactHash).not.toBe('0'.repeat(64));

    // An overdue round (its deadline passed in real time): the verifier must not move it, nor write anything.
    t.clock.set(new Date(Date.now() - 20 * 24 * 3600 * 1000));
    const lead = await t.tokenFor('commissioner@demo.test');
    const overdue = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ timetable: { tenderDeadline: new Date(Date.now() - 24 * 3600 * 1000).toISOString() } })).expect(201)).body.id;
    t.clock.set(new Date());
    await t.close({ dropDatabase: false });
    // SQLite: the database file and its write-ahead log (a reader may leave an empty log; empty is unchanged).
    const bytes = (file: string) => createHash('sha256').update(existsSync(file) ? readFileSync(file) : Buffer.alloc(0)).digest('hex');
    const fingerprint = async () => t.db.kind === 'sqlite'
      ? [bytes(t.db.url.slice('sqlite:'.length)), bytes(`${t.db.url.slice('sqlite:'.length)}-wal`)]
      : await t.db.sql(`SELECT (SELECT COUNT(*) FROM audit_events) AS events, (SELECT MAX(sequence) FROM audit_events) AS last, (SELECT state FROM rounds WHERE id = ${quote(overdue)}) AS state`);
    const before = await fingerprint();
    const cli = report(await verifyDatabase(t.config));
    expect(cli.code).toBe(1);
    expect(cli.lines[0]).toMatch(/^Audit chain BROKEN at event 3/);
    expect(await fingerprint()).toEqual(before);
    expect(await t.db.sql(`SELECT state FROM rounds WHERE id = ${quote(overdue)}`)).toEqual([{ state: 'draft' }]);
    await t.db.drop();
  });
});
