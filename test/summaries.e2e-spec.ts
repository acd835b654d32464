import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { SHEET } from '../src/exports/sheets/sheet-names.js';
import { bearer, decidedRound, download, roundDefinition, sendSummaries } from './support/rounds.js';
import { pdfText } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Assessment summaries a commissioner can send (PA23 s.50, reg 31): JSON and PDF from one summary,
// weightings as published, the tie-break explained, reasons checked, and no award notice until every
// assessed bidder's summary is marked sent.

const downloadPdf = (t: TestApp, roundId: string, bidId: string, token: string) => download(t, `/api/rounds/${roundId}/bids/${bidId}/assessment-summary.pdf`, token);

// Q1 weighs 33 % of Quality (55.5 %): 18.315 % of the whole, which two places would show as 18.32.
const SECTION_WEIGHTS = [55.5, 10, 34.5];
const criteria = (roundDefinition().criteria as { weight: number; questions: { weight: number }[] }[]).map((section, i) => ({
  ...section,
  weight: SECTION_WEIGHTS[i],
  questions: i === 0 ? [{ ...section.questions[0], weight: 33 }, { ...section.questions[1], weight: 67 }] : section.questions,
}));

const RESPONSES = {
  Q1: 'Two named mentors per young person, weekly boxing sessions at the Eastside gym, and a youth worker on call at weekends.',
  Q2: 'Young people choose where they meet; a young advisory board reviews every complaint within five days.',
  SV1: 'Twelve apprenticeships for local care leavers over the contract.',
};
const DESCRIPTOR_ONLY = 'Excellent: formal descriptor';
const QUOTES_THE_BID = 'The bid names two mentors per young person and weekly boxing sessions at the Eastside gym, but gives no plan for weekends beyond an on-call worker.';

describe('assessment summaries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('explains a tie decided by the published tie-break, with weightings exactly as published, and holds the award notice until every summary is sent', async () => {
    // Equal totals: A is stronger with professionals, B with young partners; the published tie-break is the young partners' contribution.
    const { roundId, lead, bidIds, results } = await decidedRound(t, {
      bids: [
        { supplierName: 'Alder Mentoring CIC', price: '100000', responses: RESPONSES },
        { supplierName: 'Birch Youth Trust', price: '100000', responses: RESPONSES },
      ],
      mark: (bid, key, group) => (key === 'Q1' ? (group === 'professional' ? [4, 2][bid] : [2, 4][bid]) : 3),
      reason: (bid, key, group) => (bid === 0 && key === 'Q1' && group === 'professional' ? DESCRIPTOR_ONLY : bid === 0 && key === 'Q1' ? QUOTES_THE_BID : 'Agreed after discussing the evidence in the answer'),
      overrides: { criteria, tieBreak: { rule: 'highestYoungPartnerContribution', description: "The bid with the higher young partners' contribution wins a tie." } },
    });
    const [alder, birch] = bidIds;
    expect(results.bids.map((b: { supplierName: string; total: string; rank: number }) => [b.supplierName, b.total, b.rank])).toEqual([
      ['Birch Youth Trust', results.bids[0].total, 1],
      ['Alder Mentoring CIC', results.bids[0].total, 2],
    ]);

    const loser = (await t.http().get(`/api/rounds/${roundId}/bids/${alder}/assessment-summary`).set(bearer(lead)).expect(200)).body;
    expect(loser).toMatchObject({ supplierName: 'Alder Mentoring CIC', outcome: 'unsuccessful', rank: 2, winner: { supplierName: 'Birch Youth Trust' }, sent: null });
    expect(loser.criteria[0]).toMatchObject({ key: 'Q1', weighting: '18.315', publishedWeighting: '33', section: { title: 'Quality', weighting: '55.5' }, availableMarks: 4, score: '3.00' });
    expect(loser.tieBreak).toEqual({
      rule: 'highestYoungPartnerContribution',
      published: "The bid with the higher young partners' contribution wins a tie.",
      outcome: 'tieBreakApplied',
      explanation: expect.stringMatching(/^Same total \(\d+\.\d\d\) as Birch Youth Trust; published tie-break, highest young partner contribution: Alder Mentoring CIC \d+\.\d\d, Birch Youth Trust \d+\.\d\d\. The tie-break places Alder Mentoring CIC at rank 2\.$/),
    });
    expect(loser.whyNotSuccessful[0]).toBe(`Your total equals the preferred bidder's (${loser.totalExact}): the published tie-break decided`);
    expect(loser.standstill).toMatchObject({ workingDays: 8, calendar: expect.stringMatching(/^UK working days/), endsAt: null, endsIfNoticeOnGeneratedDay: expect.any(String) });

    // The reason check: the descriptor repeated is flagged, the one quoting the bid is not.
    const overview = (await t.http().get(`/api/rounds/${roundId}/assessment-summaries`).set(bearer(lead)).expect(200)).body;
    const q1 = loser.criteria[0];
    expect(overview.summaries.map((x: { supplierName: string; sent: unknown; unresolvedReasons: number }) => [x.supplierName, x.sent])).toEqual([['Alder Mentoring CIC', null], ['Birch Youth Trust', null]]);
    const flagged = overview.weakReasons.filter((w: { bidId: string; key: string }) => w.bidId === alder && w.key === 'Q1');
    expect(flagged.map((w: { group: string; reason: string; problems: { code: string }[] }) => [w.group, w.reason, w.problems.map((p) => p.code)])).toEqual([
      ['professional', DESCRIPTOR_ONLY, ['tooShort', 'repeatsDescriptorOrQuestion', 'noReferenceToBid']],
    ]);
    expect(q1.reasons).toEqual([`Professional panel: ${DESCRIPTOR_ONLY}`, `Young partners: ${QUOTES_THE_BID}`]);

    // No award notice until both summaries are sent; a summary is not sent while a flagged reason of its bid is unresolved.
    const blocked = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(409)).body;
    expect(blocked.reasons).toEqual(['2 assessment summaries have not been marked sent: Alder Mentoring CIC, Birch Youth Trust']);
    const refused = (await t.http().post(`/api/rounds/${roundId}/bids/${alder}/assessment-summary/sent`).set(bearer(lead)).send({}).expect(422)).body;
    expect(refused.message).toMatch(/^\d+ reasons? needs? improving, or a note on why/);
    expect(refused.weakReasons).toContain(`Q1 professional: ${flagged[0].problems.map((p: { message: string }) => p.message).join('; ')}`);
    await t.http().post(`/api/rounds/${roundId}/bids/${alder}/assessment-summary/sent`).set(bearer(await t.tokenFor('auditor@demo.test'))).send({}).expect(403);
    // Panellists see none of it; bad dates are named.
    const yp = await t.tokenFor('yp1@demo.test');
    await t.http().get(`/api/rounds/${roundId}/assessment-summaries`).set(bearer(yp)).expect(403);
    await t.http().get(`/api/rounds/${roundId}/bids/${alder}/assessment-summary.pdf`).set(bearer(yp)).expect(403);
    await t.http().post(`/api/rounds/${roundId}/reason-notes`).set(bearer(yp)).send({ bidId: alder, criterionId: flagged[0].criterionId, group: 'professional', note: 'A note long enough to be accepted' }).expect(403);
    const badDate = (await t.http().post(`/api/rounds/${roundId}/bids/${birch}/assessment-summary/sent`).set(bearer(lead)).send({ sentOn: 'next Tuesday' }).expect(400)).body;
    expect(badDate.errors[0].field).toBe('sentOn');
    await t.http().post(`/api/rounds/${roundId}/bids/${birch}/assessment-summary/sent`).set(bearer(lead)).send({ sentOn: '2026-02-30' }).expect(400);
    const future = (await t.http().post(`/api/rounds/${roundId}/bids/${birch}/assessment-summary/sent`).set(bearer(lead)).send({ sentOn: '2999-01-01' }).expect(422)).body;
    expect(future.message).toBe('The date sent cannot be in the future');

    // The lead improves the flagged reason: a new consensus version, and the check passes it.
    const reword = (mark: number, reason: string) => t.http().put(`/api/rounds/${roundId}/bids/${alder}/consensus/${flagged[0].criterionId}`).set(bearer(lead))
      .send({ group: 'professional', mark, reason, version: flagged[0].consensusVersion });
    expect((await reword(3, QUOTES_THE_BID).expect(422)).body.message).toMatch(/keeps its mark/); // moderation has closed: the mark stays
    await t.http().post(`/api/rounds/${roundId}/reason-notes`).set(bearer(lead)).send({ bidId: alder, criterionId: flagged[0].criterionId, group: 'professional', note: 'short' }).expect(400);
    expect((await reword(4, QUOTES_THE_BID).expect(200)).body.consensus).toMatchObject({ mark: 4, reason: QUOTES_THE_BID, version: flagged[0].consensusVersion + 1 });
    const rechecked = (await t.http().get(`/api/rounds/${roundId}/assessment-summaries`).set(bearer(lead)).expect(200)).body;
    expect(rechecked.weakReasons.filter((w: { bidId: string; key: string }) => w.bidId === alder && w.key === 'Q1')).toEqual([]);

    const before = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body.length;
    await sendSummaries(t, roundId, lead);
    const trail = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body.slice(before);
    expect(trail.filter((e: { type: string }) => e.type === 'award.summary_sent').map((e: { payload: { supplierName: string } }) => e.payload.supplierName).sort()).toEqual(['Alder Mentoring CIC', 'Birch Youth Trust']);
    expect(trail.some((e: { type: string; payload: { questionKey?: string } }) => e.type === 'moderation.reason_note_recorded' && e.payload.questionKey === 'Q1')).toBe(true);

    // Sent: the JSON is the summary as sent, and the PDF is the one whose hash was recorded.
    const sent = (await t.http().get(`/api/rounds/${roundId}/bids/${birch}/assessment-summary`).set(bearer(lead)).expect(200)).body;
    expect(sent.sent).toMatchObject({ sentOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), recordedBy: 'Priya Shah (commissioner)' });
    const pdf = (await downloadPdf(t, roundId, birch, lead).expect(200).expect('Content-Type', 'application/pdf')).body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(sent.sent.sha256);
    await t.http().post(`/api/rounds/${roundId}/bids/${birch}/assessment-summary/sent`).set(bearer(lead)).send({}).expect(409);

    // The workbook's Summaries sheet: the date sent and the hash of each document.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(t, `/api/rounds/${roundId}/workbook.xlsx`, lead).expect(200)).body);
    expect(JSON.stringify(book.getWorksheet(SHEET.about)!.getSheetValues())).toContain('UK working days (PA23 s.123)');
    const rows = book.getWorksheet(SHEET.summaries)!.getSheetValues().filter((r) => Array.isArray(r) && /^B\d$/.test(String(r[1]))) as unknown[][];
    expect(rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['Alder Mentoring CIC', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expect.stringMatching(/^[0-9a-f]{64}$/)],
      ['Birch Youth Trust', sent.sent.sentOn, sent.sent.sha256],
    ]);

    const text = await pdfText((await downloadPdf(t, roundId, alder, lead).expect(200)).body);
    expect(text).toContain('Tie-break');
    expect(text).toContain("The bid with the higher young partners' contribution wins a tie.");
    expect(text).toContain('Weighting: 18.315% of the total');
    expect(text.replace(/\s+/g, ' ')).toContain(QUOTES_THE_BID); // the reworded reason is the one sent

    // A changed award decision makes the summaries sent so far wrong: they must be sent again.
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: alder, departureReason: 'Test: the panel departs from the tie-break to show summaries are re-sent' }).expect(200);
    const stale = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(409)).body;
    expect(stale.reasons).toEqual(['2 assessment summaries have not been marked sent: Alder Mentoring CIC, Birch Youth Trust']);
    expect((await t.http().get(`/api/rounds/${roundId}/bids/${birch}/assessment-summary`).set(bearer(lead)).expect(200)).body).toMatchObject({ outcome: 'unsuccessful', sent: null });
    await sendSummaries(t, roundId, lead);
    const resent = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body.filter((e: { type: string }) => e.type === 'award.summary_sent').slice(-2);
    expect(resent.map((e: { payload: { replaces: { sha256: string } | null } }) => e.payload.replaces?.sha256)).toContain(sent.sent.sha256);

    const notice = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200)).body;
    expect(notice.to).toBe('standstill');
  });
});

describe('the demo round awaiting its award decision', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demoRounds: true });
  }, 120_000); // seeds five demo rounds through the services
  afterAll(() => t.close());

  it('gives every bidder a PDF summary with its scores and the reasons, read back from the file', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const rounds = (await t.http().get('/api/rounds').set(bearer(lead)).expect(200)).body;
    const roundId = rounds.find((r: { reference: string }) => r.reference === 'YJS-2027-006').id;
    const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: results.bids[0].id }).expect(200);
    // Most demo reasons repeat the scale descriptor: the check lists them.
    const overview = (await t.http().get(`/api/rounds/${roundId}/assessment-summaries`).set(bearer(lead)).expect(200)).body;
    expect(overview.weakReasons.length).toBeGreaterThan(0);
    expect(overview.weakReasons.every((w: { problems: unknown[] }) => w.problems.length > 0)).toBe(true);

    for (const bid of results.bids) {
      const summary = (await t.http().get(`/api/rounds/${roundId}/bids/${bid.id}/assessment-summary`).set(bearer(lead)).expect(200)).body;
      const response = await downloadPdf(t, roundId, bid.id, lead).expect(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="YJS-2027-006-assessment-summary-[a-z0-9-]+\.pdf"$/);
      const text = (await pdfText(response.body)).replace(/\s+/g, ' ');
      expect(text).toContain(`Bidder: ${bid.supplierName}`);
      expect(text).toContain(`Total: ${summary.total} out of 100`);
      for (const c of summary.criteria) {
        expect(text).toContain(`${c.key} ${c.title}`);
        expect(text).toContain(`Your score: ${c.score ?? 'not scored'}, weighted ${c.weightedScore}`);
        for (const reason of c.reasons) expect(text).toContain(reason.replace(/\s+/g, ' '));
      }
      if (summary.outcome === 'excluded') expect(text).toContain(summary.exclusionReason.replace(/\s+/g, ' '));
    }
  });
});
