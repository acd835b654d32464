import { DeadlineScheduler } from '../src/rounds/deadline-scheduler.js';
import { bearer, publishedRound, roundDefinition, userId } from './support/rounds.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestApp, TestApp } from './support/test-app.js';

describe('rounds under concurrency and restarts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets exactly one of 20 identical event requests through; the rest get 409', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const roundId = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id;
    for (const [email, group] of [['yp1@demo.test', 'youngPartner'], ['clinician@demo.test', 'professional']]) {
      await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, email), group }).expect(201);
    }
    await t.http().post(`/api/rounds/${roundId}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Assessed all officers and panellists; none found.' }).expect(200);

    const responses = await Promise.all(Array.from({ length: 20 }, () => t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body.reasons?.[0] ?? refused.body.message).toMatch(/PUBLISH is not possible while the round is in tendering|changed this round at the same time/);
    }
    const history = (await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(lead)).expect(200)).body;
    expect(history).toHaveLength(1);
    const auditor = await t.tokenFor('auditor@demo.test');
    const events = (await t.http().get(`/api/audit?roundId=${roundId}`).set(bearer(auditor)).expect(200)).body;
    expect(events.filter((e: { type: string }) => e.type === 'round.transition')).toHaveLength(1);
    expect((await t.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body.valid).toBe(true);
  });

  // Several instances share a PostgreSQL database; on SQLite (one file, one process) they are not supported
  // (README, Security): two apps in one test process on one file contend for SQLite's write lock, and a
  // deferred transaction that meets the other's write fails instead of waiting.
  const postgresOnly = process.env.TEST_DATABASE_URL ? it : it.skip;
  postgresOnly('moves a round once when two app instances on one database fire the same deadline', async () => {
    const { roundId, lead } = await publishedRound(t);
    const second = await startTestApp({ db: t.db, seed: false });
    try {
      const deadline = new Date((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.timetable.tenderDeadline).getTime();
      t.clock.set(new Date(deadline + 1000));
      second.clock.set(new Date(deadline + 1000));
      const moved = await Promise.all([t.app.get(DeadlineScheduler).runDue(), second.app.get(DeadlineScheduler).runDue()]);
      const history = (await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(lead)).expect(200)).body;
      expect(history.filter((h: { event: string }) => h.event === 'TENDER_DEADLINE_PASSED')).toHaveLength(1);
      // Every round that was due (this one, and any earlier test's) moved exactly once between the two instances.
      const fired = (await t.db.sql(`SELECT "roundId" FROM round_transitions WHERE event = 'TENDER_DEADLINE_PASSED'`)) as { roundId: string }[];
      expect(new Set(fired.map((f) => f.roundId)).size).toBe(fired.length);
      expect(moved[0] + moved[1]).toBe(fired.length);
    } finally {
      t.clock.set(new Date());
      await second.close({ dropDatabase: false });
    }
  });
});

describe('a deadline that passes while the app is down', () => {
  it('fires once after start-up, and the round survives the restart', async () => {
    const db = await createTestDatabase();
    const first = await startTestApp({ db });
    let roundId = '';
    let lead = '';
    try {
      // The second instance starts with its clock a minute past the deadline, so the deadline passed while
      // nothing was running (the injectable clock moves; nothing waits for real time).
      ({ roundId, lead } = await publishedRound(first));
      const before = (await first.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
      expect(before.state).toBe('tendering');
      const deadline: string = before.timetable.tenderDeadline;
      await first.close({ dropDatabase: false });

      const second = await startTestApp({ db, seed: false, now: new Date(new Date(deadline).getTime() + 60_000) });
      try {
        const round = (await second.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
        expect(round.state).toBe('compliance');
        expect(await second.app.get(DeadlineScheduler).runDue()).toBe(0);
        const history = (await second.http().get(`/api/rounds/${roundId}/history`).set(bearer(lead)).expect(200)).body;
        expect(history.map((h: { event: string }) => h.event)).toEqual(['PUBLISH', 'TENDER_DEADLINE_PASSED']);
      } finally {
        await second.close();
      }
    } catch (error) {
      await db.drop();
      throw error;
    }
  });
});
