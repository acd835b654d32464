import { DataSource } from 'typeorm';
import { contractReviewsBy } from '../src/contracts/contract.js';
import { award, feedbackRound, LISTENED_TO } from './support/contract.js';
import { pdfText } from './support/pdf-text.js';
import { bearer, download, userId } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue 12, parts 4 and 5: the contract's KPIs from the i-Statements, performance per reporting period,
// young partners' reviews; and "you said, we did", whose numbers are checked against the hand-computed
// round of test/support/contract.ts.

describe('contract KPIs and "you said, we did"', () => {
  let t: TestApp;
  let round: Awaited<ReturnType<typeof feedbackRound>>;
  let tokens: Record<'lead' | 'yp1' | 'yp2' | 'clinician' | 'auditor' | 'outsider' | 'otherPanellist', string>;
  let kpiId: string;

  beforeAll(async () => {
    t = await startTestApp();
    round = await feedbackRound(t);
    tokens = {
      lead: round.lead, yp1: round.tokens['yp1@demo.test'], yp2: round.tokens['yp2@demo.test'], clinician: round.tokens['clinician@demo.test'],
      auditor: await t.tokenFor('auditor@demo.test'), outsider: await t.tokenFor('yp3@demo.test'), otherPanellist: await t.tokenFor('finance@demo.test'),
    };
  }, 120_000);
  afterAll(() => t.close());

  const path = (rest: string) => `/api/rounds/${round.roundId}${rest}`;
  const get = (rest: string, who: keyof typeof tokens) => t.http().get(path(rest)).set(bearer(tokens[who]));
  const send = (method: 'post' | 'put', rest: string, who: keyof typeof tokens, body: object) => t.http()[method](path(rest)).set(bearer(tokens[who])).send(body);

  it('the lead sets KPIs from the statements after the award decision; bad input names the field', async () => {
    const bad = await send('post', '/kpis', 'lead', { ...LISTENED_TO, target: 'eighty', statementIds: [] }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('target');
    await send('post', '/kpis', 'lead', { ...LISTENED_TO, statementIds: ['00000000-0000-4000-8000-000000000000'] }).expect(404);
    const contract = (await send('post', '/kpis', 'lead', { ...LISTENED_TO, statementIds: [round.statements.lived, round.statements.private] }).expect(201)).body;
    expect(contract).toMatchObject({ providers: [{ lotKey: '', lotTitle: null, supplierName: 'Alpha CIC' }], mayDefine: true, mayRecord: false, mayReview: false });
    kpiId = contract.kpis[0].id;
    // The lead sees the statement without consent; the young partners and auditors never do.
    expect(contract.kpis[0].statements.map((s: { id: string }) => s.id)).toEqual([round.statements.lived, round.statements.private]);
    const forYp = (await get('/contract', 'yp1').expect(200)).body;
    expect(forYp.kpis[0].statements.map((s: { id: string }) => s.id)).toEqual([round.statements.lived]);
    expect(forYp).toMatchObject({ mayDefine: false, mayRecord: false, mayReview: false });
    expect((await get('/contract', 'auditor').expect(200)).body.kpis[0].statements).toHaveLength(1);

    await send('post', '/kpis', 'lead', { name: 'Waiting for a first meeting', measure: 'Working days from referral to a first meeting, on average', unit: 'days', target: 10, direction: 'atMost', frequency: 'quarterly', statementIds: [round.statements.safe] }).expect(201);
    const changed = (await send('put', `/kpis/${kpiId}`, 'lead', { ...LISTENED_TO, target: '75', statementIds: [round.statements.lived], reason: 'Agreed with the provider at mobilisation' }).expect(200)).body;
    expect(changed.kpis[0].target).toBe('75');
  });

  it('nobody else sets KPIs, and nobody records or reviews performance before the contract is awarded', async () => {
    for (const who of ['yp1', 'clinician', 'auditor'] as const) await send('post', '/kpis', who, { ...LISTENED_TO, statementIds: [] }).expect(403);
    await send('post', '/kpis', 'outsider', { ...LISTENED_TO, statementIds: [] }).expect(404);
    await send('post', `/kpis/${kpiId}/periods`, 'lead', { periodStart: '2027-01-01', value: '70', commentary: 'First quarter', evidenceReference: 'Q1 report' }).expect(409);
  });

  it('before the award is announced, "you said, we did" shows what was said and the questions, not the result', async () => {
    const feedback = (await get('/you-said-we-did', 'yp1').expect(200)).body;
    expect(feedback.outcomes).toEqual([]);
    expect(feedback.said.map((s: { text: string }) => s.text)).toEqual(expect.arrayContaining(['I want to feel safe when I walk in']));
    expect(JSON.stringify(feedback)).not.toContain('Do not tell my school');
  });

  it('once awarded, the lead records reporting periods (start of a month, no overlap)', async () => {
    await award(t, round.roundId, round.lead);
    const period = (start: string, value: string) => ({ periodStart: start, value, commentary: `Exit survey for the quarter from ${start}`, evidenceReference: `Contract report ${start}` });
    await send('post', `/kpis/${kpiId}/periods`, 'lead', period('2027-01-15', '70')).expect(422);
    await send('post', `/kpis/${kpiId}/periods`, 'yp1', period('2027-01-01', '70')).expect(403);
    // A round without lots has no lot to name.
    expect((await send('post', `/kpis/${kpiId}/periods`, 'lead', { ...period('2027-01-01', '70'), lotKey: 'L1' }).expect(422)).body).toMatchObject({ code: 'contracts.lot_invalid', message: 'This round has no lots: leave lotKey out' });
    await send('post', `/kpis/${kpiId}/periods`, 'lead', period('2027-01-01', '70')).expect(201);
    await send('post', `/kpis/${kpiId}/periods`, 'lead', period('2027-03-01', '71')).expect(409);
    const contract = (await send('post', `/kpis/${kpiId}/periods`, 'lead', period('2027-04-01', '82.5')).expect(201)).body;
    expect(contract.kpis[0].periods.map((p: { lotKey: string; periodEnd: string; value: string; met: boolean }) => [p.lotKey, p.periodEnd, p.value, p.met])).toEqual([['', '2027-03-31', '70', false], ['', '2027-06-30', '82.5', true]]);
  });

  it("the round's young partners review each period; nobody else may, and others see nothing", async () => {
    const periods = (await get('/contract', 'yp1').expect(200)).body.kpis[0].periods;
    const review = (who: keyof typeof tokens, body: object = { rating: 'partly', comment: 'Better, but not for everyone yet' }) => send('put', `/kpi-periods/${periods[0].id}/review`, who, body);
    await review('yp1', { rating: 'maybe', comment: 'Hmm' }).expect(400);
    await review('yp1', { rating: 'notYet', comment: 'Most still do not feel listened to' }).expect(200);
    const again = (await review('yp1').expect(200)).body;
    await review('yp2', { rating: 'yes', comment: 'It is getting there' }).expect(200);
    expect(again.kpis[0].periods[0].reviews).toEqual([expect.objectContaining({ rating: 'partly', comment: 'Better, but not for everyone yet', yours: true, panelCode: expect.stringMatching(/^YP/) })]);
    for (const who of ['lead', 'clinician', 'auditor'] as const) await review(who).expect(403);
    await review('outsider').expect(404);
    await review('otherPanellist').expect(404);
    await send('put', '/kpi-periods/00000000-0000-4000-8000-000000000000/review', 'yp1', { rating: 'yes', comment: 'A period that is not there' }).expect(404);

    const seen = (await get('/contract', 'lead').expect(200)).body.kpis[0].periods[0].reviews;
    expect(seen.map((r: { rating: string }) => r.rating).sort()).toEqual(['partly', 'yes']);
    expect(JSON.stringify(seen)).not.toMatch(/Jordan|@demo/);
    await get('/contract', 'clinician').expect(403);
    await get('/contract', 'outsider').expect(404);
    await get('/you-said-we-did', 'clinician').expect(403);
    await get('/you-said-we-did', 'outsider').expect(404);
    await get('/you-said-we-did.pdf', 'otherPanellist').expect(404);

    // The record of involvement reads which periods each young partner reviewed.
    const reviewed = await contractReviewsBy(t.app.get(DataSource).manager, await userId(t, 'yp1@demo.test'));
    expect(reviewed.map((r) => [r.roundId, r.kpiName, r.periodStart])).toEqual([[round.roundId, LISTENED_TO.name, '2027-01-01']]);
    // ... and lists it as a role of theirs (reviewing twice is still one period).
    const record = (await t.http().get(`/api/young-partners/${await userId(t, 'yp1@demo.test')}/involvement`).set(bearer(tokens.yp1)).expect(200)).body;
    const work = record.work.find((w: { roundId: string }) => w.roundId === round.roundId);
    expect(work.roles.find((r: { label: string }) => r.label === 'Contract review')?.what).toBe(
      'Reviewed how the service was doing: 1 reporting period, saying whether each result was what young people asked for.');
    expect(record.skills).toContain('Holding a service to account for what it promised');
  });

  it('"you said, we did": each group\'s part of every total, and the award without the young partners (hand-computed)', async () => {
    const feedback = (await get('/you-said-we-did', 'yp1').expect(200)).body;
    expect(feedback.outcomes).toHaveLength(1);
    const outcome = feedback.outcomes[0];
    expect(outcome).toMatchObject({ lot: null, awarded: true });
    expect(feedback.providers).toEqual([{ lotKey: '', lotTitle: null, supplierName: 'Alpha CIC' }]);
    expect(outcome.organisations.map((o: Record<string, unknown>) => [o.name, o.awarded, o.rank, o.total, o.youngPartners, o.professionals, o.price, o.youngPartnerShare, o.totalWithout, o.rankWithout])).toEqual([
      // Alpha: 37.5 of 83.75 = 44.776...% ; Beta: 18.75 of 67.75 = 27.675...%
      ['Alpha CIC', true, 1, '83.75', '37.5', '16.25', '30', '44.8', '57.5', 2],
      ['Beta Trust', false, 2, '67.75', '18.75', '25', '24', '27.7', '64', 1],
    ]);
    expect(outcome.without).toEqual({ outOf: '70', first: ['Beta Trust'], awardWouldChange: true });
    expect(outcome.summary).toBe('Without your questions and your marks, Beta Trust would have come first, not Alpha CIC. Your voice changed who got this piece of work.');
    // Q1: 30 points, half the young partners'; Q2: 30 points, all theirs.
    expect(feedback.questions.filter((q: { markedBy: string }) => q.markedBy !== 'professionals').map((q: Record<string, unknown>) => [q.key, q.markedBy, q.points, q.youngPartnerPoints]))
      .toEqual([['Q1', 'both', '30', '15'], ['Q2', 'youngPartners', '30', '30'], ['PRICE', 'price', '30', '0']]);
    const lived = feedback.said.find((s: { id: string }) => s.id === round.statements.lived);
    expect(lived).toMatchObject({ groupCode: 'YP-NORTH', questions: [{ key: 'Q1' }], kpis: [{ name: LISTENED_TO.name }] });
    expect(feedback.kpis[0]).toMatchObject({ name: LISTENED_TO.name, byLot: [{ lot: null, latest: { periodStart: '2027-04-01', value: '82.5', met: true, reviews: 0 } }] });
    expect(JSON.stringify(feedback)).not.toContain('Do not tell my school');
  });

  it('the printable PDF says the same, read back', async () => {
    const response = await download(t, path('/you-said-we-did.pdf'), tokens.yp2).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(response.body)).replace(/\s+/g, ' ');
    expect(text).toContain('You said, we did');
    expect(text).toContain('I want to feel safe when I walk in');
    expect(text).toContain('Beta Trust would have come first, not Alpha CIC');
    expect(text).toContain('Alpha CIC (got the work): 83.75 points, of which 37.50 from young partners (44.8%). Without young partners: 57.50 out of 70.00.');
    expect(text).toContain('Latest (2027-04-01 to 2027-06-30): 82.5 %, on target');
    expect(text).not.toContain('Do not tell my school');
  });

  it('every change is in the audit trail, and the data check still verifies', async () => {
    const events = (await get('/audit', 'auditor').expect(200)).body as { type: string }[];
    const types = events.map((e) => e.type);
    for (const type of ['contract.kpi_defined', 'contract.kpi_changed', 'contract.period_recorded', 'contract.period_reviewed', 'contract.period_review_changed']) expect(types).toContain(type);
    const verified = (await get('/audit/verify', 'auditor').expect(200)).body;
    expect(verified.data).toMatchObject({ valid: true, mismatchCount: 0 });
  });
});
