import { DeadlineScheduler } from '../src/rounds/deadline-scheduler.js';
import { bearer, PANEL, roundInScoring, sendSummaries } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

// Individual marks: [bid][question/group] -> marks by panel member (YP1..3 or P1..3 in panel order).
const MARKS = {
  A: { 'Q1/professional': [3, 3, 1], 'Q1/youngPartner': [4, 3, 4], 'Q2/youngPartner': [3, 3, 3], 'SV1/professional': [2, 2, 3] },
  B: { 'Q1/professional': [2, 2, 2], 'Q1/youngPartner': [2, 3, 2], 'Q2/youngPartner': [2, 2, 1], 'SV1/professional': [3, 3, 3] },
} as const;
const CONSENSUS = {
  A: { 'Q1/professional': 3, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 2 },
  B: { 'Q1/professional': 2, 'Q1/youngPartner': 2, 'Q2/youngPartner': 2, 'SV1/professional': 3 },
} as const;

describe('the whole lifecycle with young partners and professionals, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('scores, moderates, ranks, awards, and stands still to award, with every response checked', async () => {
    const { roundId, lead, tokens, bidIds } = await roundInScoring(t, [
      { supplierName: 'Safer Futures CIC', price: '1500000' },
      { supplierName: 'Youth Link Partnership', price: '1200000' },
      { supplierName: 'Bright Paths Ltd', price: '900000', excluded: 'No safeguarding policy supplied' },
    ]);
    const [bidA, bidB, bidC] = bidIds;
    const bidOf = { A: bidA, B: bidB } as const;
    const auditor = await t.tokenFor('auditor@demo.test');

    // A young partner sees their questions in plain words, the bids they score, never the price.
    const yp1 = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens['yp1@demo.test'])).expect(200)).body;
    expect(yp1).toMatchObject({ panelCode: 'YP1', group: 'youngPartner', open: true, progress: { scored: 0, total: 4, percent: 0 } });
    expect(yp1.bids.map((b: { supplierName: string }) => b.supplierName)).toEqual(['Safer Futures CIC', 'Youth Link Partnership']);
    expect(yp1.bids[0].questions.map((q: { key: string; question: string }) => [q.key, q.question])).toEqual([
      ['Q1', 'How will they help young people?'],
      ['Q2', 'Will young people feel safe and listened to?'],
    ]);
    expect(yp1.marks[3]).toEqual({ mark: 3, label: 'Good', description: 'Good: in plain words' });
    expect(JSON.stringify(yp1)).not.toMatch(/1500000|1200000/);
    const p1 = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens['clinician@demo.test'])).expect(200)).body;
    expect(p1.bids[0].questions.map((q: { key: string; question: string }) => [q.key, q.question])).toEqual([['Q1', 'Describe your approach.'], ['SV1', 'Local employment.']]);

    const criterion = (key: string) => yp1.bids[0].questions.find((q: { key: string }) => q.key === key)?.criterionId ?? p1.bids[0].questions.find((q: { key: string }) => q.key === key).criterionId;
    const save = (email: string, bid: string, key: string, mark: number, justification = `Mark ${mark} because the answer shows it clearly`) =>
      t.http().put(`/api/rounds/${roundId}/bids/${bid}/scores/${criterion(key)}`).set(bearer(tokens[email])).send({ mark, justification });

    // Bad input, wrong group, a recused or excluded bid.
    expect((await save('yp1@demo.test', bidA, 'Q1', 4, 'short').expect(400)).body.errors[0].field).toBe('justification');
    await save('yp1@demo.test', bidA, 'Q1', 9).expect(400);
    await save('yp1@demo.test', bidA, 'SV1', 3).expect(403);
    await save('yp1@demo.test', bidC, 'Q1', 3).expect(404);
    await save('yp1@demo.test', bidA, 'Q1', 1).expect(200); // a first draft, changed below

    // Everyone scores; a submission with a score missing names it.
    for (const [bidKey, cells] of Object.entries(MARKS)) {
      for (const [cell, marks] of Object.entries(cells)) {
        const [key, group] = cell.split('/');
        const members = PANEL.filter((m) => m.group === group);
        for (const [i, m] of members.entries()) {
          if (m.email === 'yp3@demo.test' && bidKey === 'B' && key === 'Q2') continue; // left out until the submit check
          const saved = (await save(m.email, bidOf[bidKey as 'A' | 'B'], key, marks[i]).expect(200)).body;
          expect(saved).toMatchObject({ mark: marks[i], status: 'draft' });
        }
      }
    }
    const missing = (await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens['yp3@demo.test'])).expect(422)).body;
    expect(missing.missing).toEqual([expect.objectContaining({ supplierName: 'Youth Link Partnership', key: 'Q2' })]);
    await save('yp3@demo.test', bidB, 'Q2', 1).expect(200);

    // Nobody sees anyone else's marks while scoring is open.
    await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(tokens['yp1@demo.test'])).expect(403);
    await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(403);
    await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(tokens['clinician@demo.test'])).expect(403);
    await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(403);
    const leadTrail = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body.filter((e: { type: string }) => e.type === 'score.saved');
    expect(leadTrail.length).toBeGreaterThan(20);
    expect(JSON.stringify(leadTrail)).not.toMatch(/"mark"|"justification"|because the answer/);
    const auditorTrail = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(auditor)).expect(200)).body.filter((e: { type: string }) => e.type === 'score.saved');
    expect(auditorTrail[0].payload).toHaveProperty('mark');
    const progress = (await t.http().get(`/api/rounds/${roundId}/scoring-progress`).set(bearer(lead)).expect(200)).body;
    expect(progress.map((g: { group: string; outstanding: string[] }) => [g.group, g.outstanding])).toEqual([['professional', ['P1', 'P2', 'P3']], ['youngPartner', ['YP1', 'YP2', 'YP3']]]);
    expect(JSON.stringify(progress)).not.toMatch(/"mark"/);

    for (const m of PANEL) {
      const submitted = (await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[m.email])).expect(200)).body;
      expect(submitted.scores).toBe(4);
    }
    await save('yp1@demo.test', bidA, 'Q1', 2).expect(409);
    expect((await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens['yp1@demo.test'])).expect(200)).body).toMatchObject({ open: false, progress: { scored: 4, total: 4 } });

    // Provisional results from the means, labelled so.
    const provisional = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(auditor)).expect(200)).body;
    expect(provisional.provisional).toBe(true);
    expect(provisional.bids.find((b: { id: string }) => b.id === bidA).totalDisplay).toBe('74.83');

    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);

    // Moderation: widest disagreement first; individual marks with panel codes.
    const moderation = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body;
    expect(moderation).toMatchObject({ state: 'moderation', cells: 8, agreed: 0, outstanding: 8 });
    expect(moderation.items[0]).toMatchObject({ supplierName: 'Safer Futures CIC', key: 'Q1', group: 'professional', spread: 2, disagreement: true, mean: expect.stringMatching(/^2\.3333/) });
    expect(moderation.items[0].marks.map((m: { panelCode: string; mark: number }) => [m.panelCode, m.mark])).toEqual([['P1', 3], ['P2', 3], ['P3', 1]]);

    const agree = (bid: string, key: string, group: string, mark: number, reason?: string, version?: number) =>
      t.http().put(`/api/rounds/${roundId}/bids/${bid}/consensus/${criterion(key)}`).set(bearer(lead)).send({ group, mark, reason, version });
    const noReason = (await agree(bidA, 'Q1', 'professional', 2).expect(422)).body;
    expect(noReason.message).toBe('A reason is required: 2 differs from every individual mark (P1 3, P2 3, P3 1)');
    await agree(bidA, 'Q1', 'youngPartner', 4, undefined).expect(200);
    const blocked = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(409)).body;
    expect(blocked.reasons[0]).toMatch(/^7 /);
    for (const [bidKey, cells] of Object.entries(CONSENSUS)) {
      for (const [cell, mark] of Object.entries(cells)) {
        if (bidKey === 'A' && cell === 'Q1/youngPartner') continue;
        const [key, group] = cell.split('/');
        const recorded = (await agree(bidOf[bidKey as 'A' | 'B'], key, group, mark, `Agreed ${mark} after discussing the evidence in the answer`).expect(200)).body;
        expect(recorded.consensus).toMatchObject({ mark, recordedBy: 'Priya Shah (commissioner)', version: 1 });
      }
    }
    // Changing a recorded consensus needs its version; the individual marks are untouched.
    await agree(bidA, 'Q1', 'professional', 3, 'Changed without saying which version').expect(409);
    await agree(bidA, 'Q1', 'professional', 3, 'Confirmed again after re-reading the safeguarding section', 1).expect(200);
    const after = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(auditor)).expect(200)).body;
    expect(after.items[0].marks.map((m: { mark: number }) => m.mark)).toEqual([3, 3, 1]);
    expect(after.items.find((i: { bidId: string; key: string; group: string }) => i.bidId === bidA && i.key === 'Q1' && i.group === 'youngPartner').consensus.reason).toBe('The group confirmed the mark given by YP1, YP3');
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);

    // Final results, hand-computed: A = 26.25 + 22.5 + 5 + 24 = 77.75; B = 15 + 15 + 7.5 + 30 = 67.5.
    const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    expect(results.provisional).toBe(false);
    const summary = results.bids.map((b: { supplierName: string; total: string; rank: number | null; status: string; contributions: object }) => [b.supplierName, b.total, b.rank, b.status, b.contributions]);
    expect(summary).toEqual([
      ['Safer Futures CIC', '77.75', 1, 'ranked', { professional: '16.25', youngPartner: '37.5', price: '24' }],
      ['Youth Link Partnership', '67.5', 2, 'ranked', { professional: '15', youngPartner: '22.5', price: '30' }],
      ['Bright Paths Ltd', '0', null, 'excluded', { professional: '0', youngPartner: '0', price: '0' }],
    ]);

    // Award decision: departing from the ranking needs a reason; the top-ranked bid does not.
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(409);
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: bidB }).expect(422);
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: bidC }).expect(422);
    const decision = (await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: bidA }).expect(200)).body;
    expect(decision).toMatchObject({ bidId: bidA, topRanked: true, departureReason: null });

    const loser = (await t.http().get(`/api/rounds/${roundId}/bids/${bidB}/assessment-summary`).set(bearer(lead)).expect(200)).body;
    expect(loser).toMatchObject({ supplierName: 'Youth Link Partnership', outcome: 'unsuccessful', total: '67.50', rank: 2, winner: { supplierName: 'Safer Futures CIC', total: '77.75' } });
    expect(loser.criteria.map((c: { key: string; weighting: string; score: string; winnerScore: string }) => [c.key, c.weighting, c.score, c.winnerScore])).toEqual([
      ['Q1', '30', '2.00', '3.50'], ['Q2', '30', '2.00', '3.00'], ['SV1', '10', '3.00', '2.00'], ['PRICE', '30', '4.00', '3.20'],
    ]);
    expect(loser.criteria[0].reasons).toEqual(['Professional panel: Agreed 2 after discussing the evidence in the answer', 'Young partners: Agreed 2 after discussing the evidence in the answer']);
    expect(loser.whyNotSuccessful).toHaveLength(2);
    const excluded = (await t.http().get(`/api/rounds/${roundId}/bids/${bidC}/assessment-summary`).set(bearer(auditor)).expect(200)).body;
    expect(excluded).toMatchObject({ outcome: 'excluded', exclusionReason: 'No safeguarding policy supplied' });

    // Award notice once every assessed bidder has been sent its summary, standstill in working days, then the scheduler awards once it has elapsed.
    const unsent = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(409)).body;
    expect(unsent.reasons).toEqual(['2 assessment summaries have not been marked sent: Safer Futures CIC, Youth Link Partnership']);
    await sendSummaries(t, roundId, lead);
    const notice = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200)).body;
    expect(notice.to).toBe('standstill');
    const endsAt = new Date(notice.round.timetable.standstillEndsAt);
    expect(endsAt.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(8 * 24 * 3600 * 1000 - 24 * 3600 * 1000);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'STANDSTILL_ELAPSED' }).expect(409);
    t.clock.set(new Date(endsAt.getTime() + 1000));
    expect(await t.app.get(DeadlineScheduler).runDue()).toBe(1);
    const awarded = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(auditor)).expect(200)).body;
    expect(awarded).toMatchObject({ state: 'awarded', allowedEvents: [] });
    const history = (await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(auditor)).expect(200)).body;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['tendering', 'compliance', 'scoring', 'moderation', 'awardDecision', 'standstill', 'awarded']);
    expect((await t.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body.valid).toBe(true);
    t.clock.set(new Date());
  });
});
