import { DataSource } from 'typeorm';
import { GENESIS_HASH, hashEvent } from '../src/audit/audit-chain.js';
import { AuditService } from '../src/audit/audit.service.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { AuditChainsPerRound1764700000000 } from '../src/database/migrations/1764700000000-audit-chains-per-round.js';
import { bearer, publishedRound } from './support/rounds.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestApp, TestApp } from './support/test-app.js';

interface Verdict {
  valid: boolean;
  chainValid: boolean;
  lastHash: string;
  firstBreak: { sequence: number; chain: string; roundId: string | null; problem: string } | null;
  breaks: { sequence: number; chain: string; roundId: string | null; problem: string }[];
  legacy: { valid: boolean; events: number; lastHash: string } | null;
  chainsChecked: number;
}

describe('per-round audit chains', () => {
  let t: TestApp;
  let auditor: string;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await t.tokenFor('auditor@demo.test');
  });
  afterAll(() => t.close());

  const verify = async (path = '/api/audit/verify'): Promise<Verdict> => (await t.http().get(path).set(bearer(auditor)).expect(200)).body;
  const events = async (roundId?: string) =>
    (await t.http().get(`/api/audit${roundId ? `?roundId=${roundId}` : ''}`).set(bearer(auditor)).expect(200)).body as { sequence: number; chain: string; position: number; prevHash: string; hash: string; type: string }[];

  it("gives each round its own chain and account events the system chain; a checkpoint pins every chain's head", async () => {
    const a = await publishedRound(t);
    const b = await publishedRound(t);
    for (const roundId of [a.roundId, b.roundId]) {
      const chain = await events(roundId);
      expect(chain.length).toBeGreaterThanOrEqual(4);
      chain.forEach((e, i) => {
        expect(e).toMatchObject({ chain: roundId, position: i + 1, prevHash: i === 0 ? GENESIS_HASH : chain[i - 1].hash });
      });
    }
    const system = (await events()).filter((e) => e.chain === 'system');
    expect(system[0]).toMatchObject({ type: 'demo.seeded', position: 1, prevHash: GENESIS_HASH });

    const checkpoint = await t.app.get(AuditService).checkpoint();
    expect(checkpoint).toMatchObject({ chain: 'system', type: 'audit.checkpoint' });
    const heads = checkpoint!.payload.heads as { chain: string; position: number; hash: string }[];
    expect(heads).toEqual(expect.arrayContaining([a.roundId, b.roundId].map((roundId) => expect.objectContaining({ chain: roundId }))));
    expect(await t.app.get(AuditService).checkpoint()).toBeNull(); // nothing moved since
    const verdict = await verify();
    expect(verdict).toMatchObject({ valid: true, firstBreak: null, breaks: [], lastHash: checkpoint!.hash, legacy: null });
    expect(verdict.chainsChecked).toBeGreaterThanOrEqual(3);
  });

  it('names a tampered event with its round, and the other round still verifies', async () => {
    const a = await publishedRound(t);
    const b = await publishedRound(t);
    const target = (await events(b.roundId))[1];
    await t.db.sql(`UPDATE audit_events SET type = 'tampered' WHERE sequence = ${target.sequence}`);
    try {
      const whole = await verify();
      expect(whole.valid).toBe(false);
      expect(whole.breaks).toContainEqual({ sequence: target.sequence, chain: b.roundId, roundId: b.roundId, problem: 'its contents do not match its hash (the row was changed)' });
      expect(whole.breaks.filter((x) => x.roundId === a.roundId)).toEqual([]);
      expect((await verify(`/api/rounds/${a.roundId}/audit/verify`)).chainValid).toBe(true);
      expect((await verify(`/api/rounds/${b.roundId}/audit/verify`)).firstBreak).toMatchObject({ sequence: target.sequence, roundId: b.roundId });
    } finally {
      await t.db.sql(`UPDATE audit_events SET type = '${target.type}' WHERE sequence = ${target.sequence}`);
    }
    expect((await verify()).valid).toBe(true);
  });

  it("names events cut off the end of a round's chain after a checkpoint recorded them", async () => {
    const round = await publishedRound(t);
    await t.app.get(AuditService).checkpoint();
    const last = (await events(round.roundId)).at(-1)!;
    await t.db.sql(`DELETE FROM audit_events WHERE sequence = ${last.sequence}`);
    const verdict = await verify();
    expect(verdict.breaks).toContainEqual(expect.objectContaining({ roundId: round.roundId, problem: expect.stringContaining(`recorded position ${last.position} of this chain, but it ends at ${last.position - 1}`) }));
  });
});

describe('converting the single audit chain into per-round chains', () => {
  it('re-hashes every event into its chain, and the verifier proves the old chain is unchanged', async () => {
    const db = await createTestDatabase({ empty: true });
    // A database as the previous release left it: every migration but the conversion, and a single chain.
    const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, AUTH_SECRET: 'test-secret-that-is-long-enough-to-be-accepted' });
    const before = await new DataSource({ ...dataSourceOptions(config), migrations: MIGRATIONS.filter((m) => m !== AuditChainsPerRound1764700000000) }).initialize();
    const roundId = '00000000-0000-4000-8000-0000000000aa';
    const single = [
      { sequence: 1, roundId: null, actorId: null, type: 'demo.seeded', payload: { users: 2 }, occurredAt: new Date('2026-11-01T09:00:00.000Z') },
      { sequence: 2, roundId, actorId: null, type: 'round.note', payload: { text: 'first' }, occurredAt: new Date('2026-11-01T09:01:00.000Z') },
      { sequence: 3, roundId: null, actorId: null, type: 'auth.login', payload: {}, occurredAt: new Date('2026-11-01T09:02:00.000Z') },
      { sequence: 4, roundId, actorId: null, type: 'round.note', payload: { text: 'second' }, occurredAt: new Date('2026-11-01T09:03:00.000Z') },
    ];
    let prevHash = GENESIS_HASH;
    for (const event of single) {
      const hash = hashEvent(prevHash, event); // recipe 1: no chain, no position
      await before.query(
        `INSERT INTO audit_events (sequence, "roundId", "actorId", type, payload, "occurredAt", "prevHash", hash) VALUES (${event.sequence}, ${event.roundId ? `'${event.roundId}'` : 'NULL'}, NULL, '${event.type}', '${JSON.stringify(event.payload)}', '${event.occurredAt.toISOString()}', '${prevHash}', '${hash}')`,
      );
      prevHash = hash;
    }
    const noted = prevHash;
    await before.destroy();

    const t = await startTestApp({ db, seed: false });
    try {
      const audit = t.app.get(AuditService);
      const verdict = await audit.verify();
      expect(verdict).toMatchObject({ valid: true, legacy: { valid: true, events: 4, lastHash: noted } });
      const rows = await db.sql(`SELECT sequence, chain, position, "legacyHash" FROM audit_events ORDER BY sequence`) as { sequence: number; chain: string; position: number }[];
      expect(rows.map((r) => [Number(r.sequence), r.chain, Number(r.position)])).toEqual([
        [1, 'system', 1], [2, roundId, 1], [3, 'system', 2], [4, roundId, 2], [5, 'system', 3],
      ]);
      const [conversion] = await db.sql(`SELECT type, payload FROM audit_events WHERE sequence = 5`) as { type: string; payload: string }[];
      expect(conversion.type).toBe('audit.chains_converted');
      expect(JSON.parse(conversion.payload).legacy).toEqual({ events: 4, lastHash: noted });

      // A converted event edited afterwards breaks its new chain and the proof of the old one.
      await db.sql(`UPDATE audit_events SET payload = '{"text":"forged"}' WHERE sequence = 4`);
      const broken = await audit.verify();
      expect(broken.breaks).toEqual(expect.arrayContaining([
        expect.objectContaining({ sequence: 4, roundId }),
        expect.objectContaining({ sequence: 4, chain: 'legacy' }),
      ]));
    } finally {
      await t.close();
    }
  });
});
