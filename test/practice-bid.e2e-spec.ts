import ExcelJS from 'exceljs';
import { SHEET } from '../src/exports/sheets/sheet-names.js';
import { bearer, download, publishedRound, sendSummaries } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The calibration exercise: a practice bid every panellist scores first. Its marks feed the panel's
// consistency and nothing else: never moderation, results, ranking, summaries or the workbook's results.

describe('a practice bid (calibration exercise)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());

  it('is scored first by everyone, shows only in the consistency view, and never reaches the award', async () => {
    t.clock.set(new Date());
    const { roundId, lead } = await publishedRound(t); // panel YP1, YP2 (young partners), P1 (professional)
    const answers = (name: string) => ({ Q1: `${name}: mentors who have been through it`, Q2: `${name}: a safe space, a named worker`, SV1: `${name}: local jobs` });
    const register = async (supplierName: string, price: string) =>
      (await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName, price, responses: answers(supplierName) }).expect(201)).body.id as string;
    const realBids = [await register('Alpha CIC', '100'), await register('Beta Trust', '120')];
    const practice = (await t.http().post(`/api/rounds/${roundId}/bids/practice`).set(bearer(lead)).send({ supplierName: 'Practice: Sunrise Youth Services', responses: answers('Sunrise') }).expect(201)).body;
    expect(practice).toMatchObject({ practice: true, compliance: 'compliant' });
    await t.http().post(`/api/rounds/${roundId}/bids/practice`).set(bearer(lead)).send({ supplierName: 'Practice: another', responses: {} }).expect(409);

    const deadline = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.timetable.tenderDeadline;
    t.clock.set(new Date(Date.parse(deadline) + 60_000));
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
    await t.http().put(`/api/rounds/${roundId}/bids/${practice.id}/compliance`).set(bearer(lead)).send({ decision: 'excluded', reason: 'Not a real bid at all' }).expect(409);
    for (const bidId of realBids) await t.http().put(`/api/rounds/${roundId}/bids/${bidId}/compliance`).set(bearer(lead)).send({ decision: 'compliant' }).expect(200);
    const panel = { 'yp1@demo.test': 0, 'yp2@demo.test': 0, 'clinician@demo.test': 0 } as Record<string, number | string>;
    for (const email of Object.keys(panel)) {
      panel[email] = await t.tokenFor(email);
      await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(panel[email] as string)).send({}).expect(200);
    }
    // The lead's round facts count the real bids only: compliance is complete.
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(200);

    // Every panellist sees the practice bid first, marked as practice, and must score it to submit.
    for (const [email, token] of Object.entries(panel) as [string, string][]) {
      const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(token)).expect(200)).body;
      expect(mine.bids.map((b: { supplierName: string; practice: boolean }) => [b.supplierName, b.practice])).toEqual([['Practice: Sunrise Youth Services', true], ['Alpha CIC', false], ['Beta Trust', false]]);
      for (const bid of mine.bids.slice(1)) {
        for (const q of bid.questions) await t.http().put(`/api/rounds/${roundId}/bids/${bid.bidId}/scores/${q.criterionId}`).set(bearer(token)).send({ mark: 2, justification: 'The answer names a plan, in part' }).expect(200);
      }
      const refused = await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(token)).expect(422);
      expect(refused.body.missing.map((m: { supplierName: string }) => m.supplierName)).toContain('Practice: Sunrise Youth Services');
      // YP1 reads the scale generously on the practice bid.
      for (const q of mine.bids[0].questions) {
        const mark = email === 'yp1@demo.test' ? 4 : 1;
        await t.http().put(`/api/rounds/${roundId}/bids/${practice.id}/scores/${q.criterionId}`).set(bearer(token)).send({ mark, justification: 'Practice: how I read this answer' }).expect(200);
      }
      await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(token)).expect(200);
    }
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);

    // Consistency: the practice marks are in it (YP: 2 real bids x 2 questions x 2 members + practice 2 x 2).
    const consistency = (await t.http().get(`/api/rounds/${roundId}/consistency`).set(bearer(lead)).expect(200)).body;
    const yp = consistency.agreement.find((a: { group: string; key: string | null }) => a.group === 'youngPartner' && a.key === null);
    expect(yp.marks).toBe(12);

    // Moderation and results: the real bids only. Moderation closes without agreeing the practice bid.
    const moderation = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body;
    expect(new Set(moderation.items.map((c: { supplierName: string }) => c.supplierName))).toEqual(new Set(['Alpha CIC', 'Beta Trust']));
    await t.http().put(`/api/rounds/${roundId}/bids/${practice.id}/consensus/${moderation.items[0].criterionId}`).set(bearer(lead)).send({ group: moderation.items[0].group, mark: 2, reason: 'Trying to agree the practice bid' }).expect(404);
    for (const c of moderation.items) {
      await t.http().put(`/api/rounds/${roundId}/bids/${c.bidId}/consensus/${c.criterionId}`).set(bearer(lead)).send({ group: c.group, mark: 2, reason: 'Agreed: Alpha and Beta both name mentors but no plan for endings' }).expect(200);
    }
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
    const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    expect(results.bids.map((b: { supplierName: string }) => b.supplierName)).toEqual(['Alpha CIC', 'Beta Trust']);
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: practice.id }).expect(404);
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: results.bids[0].id }).expect(200);
    const summaries = (await t.http().get(`/api/rounds/${roundId}/assessment-summaries`).set(bearer(lead)).expect(200)).body;
    expect(summaries.summaries.map((s: { supplierName: string }) => s.supplierName)).toEqual(['Alpha CIC', 'Beta Trust']);
    await sendSummaries(t, roundId, lead);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200);

    // The workbook: the practice bid is in none of the award's sheets.
    const file = await download(t, `/api/rounds/${roundId}/workbook.xlsx`, await t.tokenFor('auditor@demo.test')).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    for (const sheet of [SHEET.bids, SHEET.scores, SHEET.moderation, SHEET.calculation, SHEET.results, SHEET.summaries]) {
      expect([sheet, JSON.stringify(book.getWorksheet(sheet)!.getSheetValues())]).toEqual([sheet, expect.not.stringContaining('Sunrise')]);
    }
    expect((await t.http().get('/api/audit/verify').set(bearer(await t.tokenFor('auditor@demo.test'))).expect(200)).body).toMatchObject({ valid: true });
    t.clock.set(new Date());
  });
});
