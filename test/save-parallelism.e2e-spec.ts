import pg from 'pg';
import { chainLockKey } from '../src/audit/audit.service.js';
import { bearer, roundInScoring } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

/**
 * On PostgreSQL a score save holds its round with a shared lock and appends to its round's own audit
 * chain, so saves never queue behind each other or behind another round's work; a transition holds the
 * round exclusively and waits for them.
 * No sleeps: a raw connection holds a lock the way a long transaction would, and a watcher asks
 * PostgreSQL whether any of this database's sessions is waiting on a lock while the request runs.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('score saves on PostgreSQL (skipped on SQLite, which has one connection)', () => {
  let t: TestApp;
  let holder: pg.Client;
  let watcher: pg.Client;
  let rounds: Awaited<ReturnType<typeof roundInScoring>>[];
  let q1: string[];

  beforeAll(async () => {
    t = await startTestApp();
    rounds = [];
    for (const name of ['Alpha CIC', 'Beta Trust']) {
      t.clock.set(new Date());
      rounds.push(await roundInScoring(t, [{ supplierName: name, price: '100' }]));
    }
    q1 = await Promise.all(rounds.map(async (r) => {
      const detail = (await t.http().get(`/api/rounds/${r.roundId}`).set(bearer(r.lead)).expect(200)).body;
      return detail.criteria[0].questions.find((q: { key: string }) => q.key === 'Q1').id as string;
    }));
    holder = new pg.Client({ connectionString: t.db.url });
    watcher = new pg.Client({ connectionString: t.db.url });
    await Promise.all([holder.connect(), watcher.connect()]);
  });
  afterAll(async () => {
    await Promise.all([holder?.end(), watcher?.end()]);
    await t.close();
  });

  const save = (round: number, email: string, mark: number) =>
    t.http().put(`/api/rounds/${rounds[round].roundId}/bids/${rounds[round].bidIds[0]}/scores/${q1[round]}`)
      .set(bearer(rounds[round].tokens[email])).send({ mark, justification: `Mark ${mark}: what the answer shows` });

  /** Sessions of this test's database waiting on a lock (row, advisory or otherwise). */
  const waitingOnLocks = async () =>
    (await watcher.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n as number;

  /** Awaits the request, failing the moment any session of this database waits on a lock instead. */
  async function completesUnblocked<T>(request: PromiseLike<T>): Promise<T> {
    let settled = false;
    const result = Promise.resolve(request).finally(() => { settled = true; });
    while (!settled) {
      if (await waitingOnLocks() > 0) throw new Error('The request is waiting on a lock held by the other transaction');
      await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 5))]);
    }
    return result;
  }

  async function holding<T>(lockSql: string, params: unknown[], during: () => Promise<T>): Promise<T> {
    await holder.query('BEGIN');
    try {
      await holder.query(lockSql, params);
      return await during();
    } finally {
      await holder.query('ROLLBACK');
    }
  }

  it("saves in one round while another round's transaction holds that round exclusively", async () => {
    await holding('SELECT id FROM rounds WHERE id = $1 FOR UPDATE', [rounds[0].roundId], async () => {
      const saved = await completesUnblocked(save(1, 'yp1@demo.test', 3));
      expect(saved.status).toBe(200);
    });
  });

  it("saves in one round while another round's transaction holds that round's audit chain (and while the system chain is held)", async () => {
    await holding('SELECT pg_advisory_xact_lock(720230051, $1)', [chainLockKey(rounds[0].roundId)], async () => {
      await holder.query('SELECT pg_advisory_xact_lock(720230051, $1)', [chainLockKey('system')]);
      const saved = await completesUnblocked(save(1, 'clinician@demo.test', 1));
      expect(saved.status).toBe(200);
    });
  });

  it("saves in a round while another save's transaction holds it (shared), and a transition waits for both", async () => {
    const { closing } = await holding('SELECT id FROM rounds WHERE id = $1 FOR SHARE', [rounds[0].roundId], async () => {
      expect((await completesUnblocked(save(0, 'yp1@demo.test', 2))).status).toBe(200);
      expect((await completesUnblocked(save(0, 'clinician@demo.test', 4))).status).toBe(200);

      // CLOSE_SCORING takes the round exclusively: it must queue behind the shared holder.
      const closing = Promise.resolve(t.http().post(`/api/rounds/${rounds[0].roundId}/events`).set(bearer(rounds[0].lead)).send({ type: 'CLOSE_SCORING', reason: 'The panel agreed to close early for this test' }));
      while (await waitingOnLocks() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      return { closing }; // released on return: the transition then goes through
    });
    expect((await closing).status).toBe(200);

    const marks = await t.db.sql(`SELECT mark FROM scores WHERE "roundId" = '${rounds[0].roundId}' ORDER BY mark`) as { mark: number }[];
    expect(marks.map((m) => Number(m.mark))).toEqual([2, 4]);
  });
});
