import { Database } from '../src/database/database.js';
import { Round } from '../src/round-core/round.entity.js';
import { DeadlineScheduler } from '../src/rounds/deadline-scheduler.js';
import { bearer, decidedRound, sendSummaries } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The standstill ends the audit found a day short (issue #11), through the API with the clock moved,
// on one PA23 open round. Each notice is withdrawn (challenge, revisit) so
// the next one starts a new standstill.
const UK_ENDS = [
  { notice: '2026-11-27T10:00:00Z', end: '2026-12-10T00:00:00Z', why: "St Andrew's Day" },
  { notice: '2026-12-22T10:00:00Z', end: '2027-01-07T00:00:00Z', why: '2 January (substitute day), Scotland' },
  { notice: '2027-03-12T10:00:00Z', end: '2027-03-25T00:00:00Z', why: "St Patrick's Day" },
  { notice: '2027-07-07T09:00:00Z', end: '2027-07-19T23:00:00Z', why: 'the Twelfth' },
];

async function decidedPa23Round(t: TestApp) {
  const round = await decidedRound(t, { bids: [{ supplierName: 'Safer Futures CIC', price: '1500000' }, { supplierName: 'Youth Link Partnership', price: '1200000' }], mark: (bid) => 3 - bid });
  await sendSummaries(t, round.roundId, round.lead);
  return round;
}

const issueNotice = (t: TestApp, roundId: string, lead: string) =>
  t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' });

describe('PA23 standstill in UK working days, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ends each standstill after the bank holidays of Scotland and Northern Ireland too, and names the calendar', async () => {
    const { roundId, lead } = await decidedPa23Round(t);
    for (const { notice, end, why } of UK_ENDS) {
      t.clock.set(new Date(notice));
      const issued = (await issueNotice(t, roundId, lead).expect(200)).body;
      expect({ why, noticeDay: issued.round.timetable.awardNoticeAt.slice(0, 10), end: issued.round.timetable.standstillEndsAt }).toEqual({ why, noticeDay: notice.slice(0, 10), end });
      expect(issued.round.timetable.standstillCalendar).toMatchObject({ id: 'uk', regions: ['ENG', 'SCT', 'NIR'] });
      // A second before the end the contract cannot be entered into; the reason names the end.
      t.clock.set(new Date(Date.parse(end) - 1000));
      const early = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'STANDSTILL_ELAPSED' }).expect(409)).body;
      expect(early.reasons[0]).toMatch(/^The standstill ends at /);
      expect(await t.app.get(DeadlineScheduler).runDue()).toBe(0);
      await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CHALLENGE_RECEIVED', reason: 'Test: a challenge to withdraw the notice' }).expect(200);
      await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'REVISIT_DECISION', reason: 'Test: revisit to issue the next notice' }).expect(200);
    }
    t.clock.set(new Date());
  });
});

describe('a round whose standstill end was counted in England only, restarted an hour before the UK-wide end', () => {
  it('records the later end at start-up (audited) and stays in standstill until then', async () => {
    const first = await startTestApp();
    const { notice, end } = UK_ENDS[3]; // the Twelfth: England's count ends three days earlier
    const englandEnd = '2027-07-16T23:00:00Z';
    let roundId: string;
    try {
      const decided = await decidedPa23Round(first);
      roundId = decided.roundId;
      first.clock.set(new Date(notice));
      await issueNotice(first, roundId, decided.lead).expect(200);
      // What the app recorded before the calendar was corrected.
      const manager = first.app.get(Database).dataSource.manager;
      const round = await manager.findOneByOrFail(Round, { id: roundId });
      await manager.update(Round, { id: roundId }, { context: { ...round.context, standstillEndsAt: englandEnd }, standstillEndsAt: new Date(englandEnd) });
      await first.close({ dropDatabase: false });
    } catch (error) {
      await first.close();
      throw error;
    }

    const second = await startTestApp({ db: first.db });
    try {
      const auditor = await second.tokenFor('auditor@demo.test');
      const after = (await second.http().get(`/api/rounds/${roundId}`).set(bearer(auditor)).expect(200)).body;
      expect(after).toMatchObject({ state: 'standstill', timetable: { standstillEndsAt: end } });
      const trail = (await second.http().get(`/api/rounds/${roundId}/audit`).set(bearer(auditor)).expect(200)).body;
      expect(trail.filter((e: { type: string }) => e.type === 'round.standstill_end_corrected').map((e: { payload: unknown }) => e.payload)).toEqual([
        { from: englandEnd, to: end, calendar: 'uk', reason: expect.stringMatching(/^Recounted in UK working days/), data: [expect.objectContaining({ table: 'rounds', id: roundId })] },
      ]);
      // The correction records the round's new end, so the data check agrees with the database again.
      expect((await second.http().get(`/api/rounds/${roundId}/audit/verify`).set(bearer(auditor)).expect(200)).body.data).toMatchObject({ valid: true, mismatchCount: 0 });

      // An hour before the UK-wide end (and days after England's) the round is still in standstill.
      second.clock.set(new Date(Date.parse(end) - 3600_000));
      expect(await second.app.get(DeadlineScheduler).runDue()).toBe(0);
      expect((await second.http().get(`/api/rounds/${roundId}`).set(bearer(auditor)).expect(200)).body.state).toBe('standstill');
      // A further start-up does not move it again.
      expect(await second.app.get(DeadlineScheduler).onApplicationBootstrap().then(() => second.app.get(Database).dataSource.manager.findOneByOrFail(Round, { id: roundId }))).toMatchObject({ state: 'standstill', standstillEndsAt: new Date(end) });
      second.clock.set(new Date(Date.parse(end) + 1000));
      expect(await second.app.get(DeadlineScheduler).runDue()).toBe(1);
      expect((await second.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body.valid).toBe(true);
    } finally {
      await second.close();
    }
  });
});
