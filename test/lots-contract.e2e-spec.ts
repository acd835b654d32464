import { award, LISTENED_TO, lotsFeedbackRound } from './support/contract.js';
import { signInPage } from './support/accounts.js';
import { pdfText } from './support/pdf-text.js';
import { bearer, download } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// Lots followed through the contract and "you said, we did" (README "Lots" and "The contract's KPIs"):
// each awarded lot is its own contract with its own provider; the KPIs are the round's, the results
// per lot; young partners see how their marks shaped each lot's award, and plainly that no organisation
// got a lot decided as no award. The round and its numbers are test/lots.e2e-spec.ts's (hand-computed there).

describe('lots in the contract and "you said, we did"', () => {
  let t: TestApp;
  let round: Awaited<ReturnType<typeof lotsFeedbackRound>>;
  let yp1: string;
  let kpiId: string;

  beforeAll(async () => {
    t = await startTestApp();
    round = await lotsFeedbackRound(t);
    yp1 = round.tokens['yp1@demo.test'];
  }, 120_000);
  afterAll(() => t.close());

  const path = (rest: string) => `/api/rounds/${round.roundId}${rest}`;
  const period = (start: string, value: string, lotKey?: string) => ({
    periodStart: start, value, commentary: `Exit survey for the quarter from ${start}`, evidenceReference: `Contract report ${start}`, ...(lotKey === undefined ? {} : { lotKey }),
  });
  const record = (body: object) => t.http().post(path(`/kpis/${kpiId}/periods`)).set(bearer(round.lead)).send(body);

  it('the lead sets the KPIs once any lot has its preferred bidder; the contract lists a provider per awarded lot', async () => {
    await t.http().post(path('/kpis')).set(bearer(round.lead)).send({ ...LISTENED_TO, statementIds: [] }).expect(409);
    await round.decideL1();
    const first = (await t.http().post(path('/kpis')).set(bearer(round.lead)).send({ ...LISTENED_TO, statementIds: [] }).expect(201)).body;
    expect(first).toMatchObject({ providers: [{ lotKey: 'L1', lotTitle: 'North', supplierName: 'Birch Youth Trust' }], mayDefine: true, mayRecord: false });
    kpiId = first.kpis[0].id;
    // The page says how many areas have an organisation so far (one of three here), not "each".
    const lead = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const onePage = (await t.http().get(`/rounds/${round.roundId}/contract`).set('Cookie', lead.cookieHeader()).expect(200)).text;
    expect(onePage).toContain('<p>One area has an organisation to run the service:</p>');

    await round.decideTheRest();
    // L3 ends with no award: it has no contract, so no provider.
    const contract = (await t.http().get(path('/contract')).set(bearer(yp1)).expect(200)).body;
    expect(contract.providers).toEqual([
      { lotKey: 'L1', lotTitle: 'North', supplierName: 'Birch Youth Trust' },
      { lotKey: 'L2', lotTitle: 'South', supplierName: 'Alder Mentoring CIC' },
    ]);
    expect((await t.http().get(path('/you-said-we-did')).set(bearer(yp1)).expect(200)).body.outcomes).toEqual([]); // not announced yet
  });

  it('once awarded, each period names an awarded lot, and periods clash only within the same lot', async () => {
    await award(t, round.roundId, round.lead);
    const missing = (await record(period('2027-01-01', '70')).expect(422)).body;
    expect(missing).toMatchObject({ code: 'contracts.lot_invalid', message: 'This round has lots: lotKey must name the lot whose contract this period reports on (L1, L2, L3)' });
    expect((await record(period('2027-01-01', '70', 'L9')).expect(422)).body).toMatchObject({ code: 'contracts.lot_invalid', message: "lotKey must be one of this round's lots: L1 North; L2 South; L3 East" });
    const notAwarded = (await record(period('2027-01-01', '70', 'L3')).expect(422)).body;
    expect(notAwarded).toMatchObject({ code: 'contracts.lot_not_awarded', message: 'Lot L3 East was not awarded: it has no contract to report on' });

    await record(period('2027-01-01', '70', 'L1')).expect(201);
    await record(period('2027-01-01', '85', 'L2')).expect(201); // the same quarter, another lot's contract
    expect((await record(period('2027-02-01', '71', 'L1')).expect(409)).body).toMatchObject({ code: 'contracts.period_overlaps', message: 'This KPI already has a period for lot L1 North from 2027-01-01 to 2027-03-31' });
    const contract = (await record(period('2027-04-01', '82.5', 'L1')).expect(201)).body;
    // In published lot order, then oldest first.
    expect(contract.kpis[0].periods.map((p: { lotKey: string; periodStart: string; value: string; met: boolean }) => [p.lotKey, p.periodStart, p.value, p.met])).toEqual([
      ['L1', '2027-01-01', '70', false], ['L1', '2027-04-01', '82.5', true], ['L2', '2027-01-01', '85', true],
    ]);

    const trail = (await t.http().get(path('/audit')).set(bearer(round.lead)).expect(200)).body as { type: string; payload: { lotKey: string; periodStart: string } }[];
    expect(trail.filter((e) => e.type === 'contract.period_recorded').map((e) => [e.payload.lotKey, e.payload.periodStart])).toEqual([['L1', '2027-01-01'], ['L2', '2027-01-01'], ['L1', '2027-04-01']]);
    expect((await t.http().get(path('/audit/verify')).set(bearer(round.lead)).expect(200)).body.data).toMatchObject({ valid: true, mismatchCount: 0 });
  });

  it('"you said, we did" has one outcome per lot, each recalculated without the young partners on its own bids (hand-computed)', async () => {
    const feedback = (await t.http().get(path('/you-said-we-did')).set(bearer(yp1)).expect(200)).body;
    expect(feedback.outcomes.map((o: { lot: unknown; awarded: boolean }) => [o.lot, o.awarded])).toEqual([
      [{ key: 'L1', title: 'North' }, true], [{ key: 'L2', title: 'South' }, true], [{ key: 'L3', title: 'East' }, false],
    ]);
    const [north, south, east] = feedback.outcomes;
    const rows = (o: { organisations: Record<string, unknown>[] }) => o.organisations.map((r) => [r.name, r.awarded, r.rank, r.total, r.youngPartners, r.professionals, r.price, r.youngPartnerShare, r.totalWithout, r.rankWithout]);
    // L1 (per mark point: Q1 3.75 per group, Q2 7.5, SV1 2.5; price against L1's lowest, 80,000):
    // Birch: Q1 7.5 + 7.5, Q2 22.5, SV1 5, price 30 = 72.5; young partners 7.5 + 22.5 = 30 (41.37...%).
    // Alder: Q1 11.25 + 11.25, Q2 15, SV1 5, price 24 = 66.5; young partners 26.25 (39.47...%).
    // Without them (70 points left; Q1 the professionals' mark alone, 7.5 a point): Birch 15 + 5 + 30 = 50,
    // Alder 22.5 + 5 + 24 = 51.5: Alder would have come first.
    expect(rows(north)).toEqual([
      ['Birch Youth Trust', true, 1, '72.5', '30', '12.5', '30', '41.4', '50', 2],
      ['Alder Mentoring CIC', false, 2, '66.5', '26.25', '16.25', '24', '39.5', '51.5', 1],
    ]);
    expect(north.without).toEqual({ outOf: '70', first: ['Alder Mentoring CIC'], awardWouldChange: true });
    expect(north.summary).toBe('Without your questions and your marks, Alder Mentoring CIC would have come first, not Birch Youth Trust. Your voice changed who got this piece of work.');
    // L2 (lowest 40,000): Alder Q1 15 + 15, Q2 22.5, SV1 10, price 25 = 87.5; Cedar 15 + 15, 22.5, 5, 30 = 87.5,
    // the tie-break (quality) gives it to Alder; young partners 37.5 each (42.857...%). Without them: Alder
    // 30 + 10 + 25 = 65, Cedar 30 + 5 + 30 = 65, a tie again that quality (40 against 35) gives to Alder.
    expect(rows(south)).toEqual([
      ['Alder Mentoring CIC', true, 1, '87.5', '37.5', '25', '25', '42.9', '65', 1],
      ['Cedar Futures', false, 2, '87.5', '37.5', '20', '30', '42.9', '65', 2],
    ]);
    expect(south.without).toEqual({ outOf: '70', first: ['Alder Mentoring CIC'], awardWouldChange: false });
    expect(south.summary).toBe('Without your questions and your marks, Alder Mentoring CIC would still have come first. Your marks gave Alder Mentoring CIC 37.50 of its 87.50 points.');
    // L3: no award, said plainly; the lead's reason is for the record, not this page.
    expect(east).toEqual({ lot: { key: 'L3', title: 'East' }, awarded: false, organisations: [], without: null, summary: 'No organisation got this part of the work. So there is no result to show for it here.' });
    expect(JSON.stringify(feedback)).not.toContain('nothing to award there');

    expect(feedback.providers.map((p: { lotKey: string; supplierName: string }) => [p.lotKey, p.supplierName])).toEqual([['L1', 'Birch Youth Trust'], ['L2', 'Alder Mentoring CIC']]);
    expect(feedback.kpis[0].byLot).toEqual([
      { lot: { key: 'L1', title: 'North' }, latest: { periodStart: '2027-04-01', periodEnd: '2027-06-30', value: '82.5', met: true, reviews: 0 } },
      { lot: { key: 'L2', title: 'South' }, latest: { periodStart: '2027-01-01', periodEnd: '2027-03-31', value: '85', met: true, reviews: 0 } },
    ]);
  });

  it('the PDF has a block per lot headed by its title', async () => {
    const text = (await pdfText((await download(t, path('/you-said-we-did.pdf'), yp1).expect(200)).body)).replace(/\s+/g, ' ');
    expect(text).toMatch(/North Without your questions and your marks, Alder Mentoring CIC would have come first, not Birch Youth Trust/);
    expect(text).toContain('Birch Youth Trust (got the work): 72.50 points, of which 30.00 from young partners (41.4%). Without young partners: 50.00 out of 70.00.');
    expect(text).toMatch(/South Without your questions and your marks, Alder Mentoring CIC would still have come first/);
    expect(text).toContain('East No organisation got this part of the work.');
    expect(text).toContain('North: Latest (2027-04-01 to 2027-06-30): 82.5 %, on target');
    expect(text).toContain('South: Latest (2027-01-01 to 2027-03-31): 85 %, on target');
  });

  it('the pages: the young partner reads each area with who runs it; the lead records a result for a lot chosen from the awarded ones', async () => {
    const yp = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);
    const contractPage = (await t.http().get(`/rounds/${round.roundId}/contract`).set('Cookie', yp.cookieHeader()).expect(200)).text;
    expect(contractPage).toContain('<p>The service is run in 2 areas, each by its own organisation:</p>');
    expect(contractPage).toContain('<strong>North</strong>: run by <strong>Birch Youth Trust</strong>');
    expect(contractPage).toContain('<strong>South</strong>: run by <strong>Alder Mentoring CIC</strong>');
    expect(contractPage).toMatch(/id="chart-[^"]+-L1"[\s\S]*id="chart-[^"]+-L2"/);
    const feedbackPage = (await t.http().get(`/rounds/${round.roundId}/you-said-we-did`).set('Cookie', yp.cookieHeader()).expect(200)).text;
    expect(feedbackPage).toMatch(/<h4 class="outcome-lot">North<\/h4>[\s\S]*<h4 class="outcome-lot">South<\/h4>[\s\S]*<h4 class="outcome-lot">East<\/h4>\s*<p[^>]*><strong>No organisation got this part of the work/);

    const lead = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const leadPage = (await t.http().get(`/rounds/${round.roundId}/contract`).set('Cookie', lead.cookieHeader()).expect(200)).text;
    const select = /<select id="lot-[^"]+" name="lotKey">([\s\S]*?)<\/select>/.exec(leadPage)![1];
    expect([...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['L1', 'L2']);
    const posted = await t.http().post(`/rounds/${round.roundId}/contract/kpis/${kpiId}/periods`).type('form').set('Cookie', lead.cookieHeader())
      .send({ _csrf: lead.csrfToken, lotKey: 'L2', periodStart: '2027-04', value: '88', commentary: 'Summer groups helped', evidenceReference: 'Contract report 2027-04' });
    expect(posted.status).toBe(303);
    const periods = (await t.http().get(path('/contract')).set(bearer(round.lead)).expect(200)).body.kpis[0].periods;
    expect(periods.map((p: { lotKey: string; periodStart: string }) => `${p.lotKey} ${p.periodStart}`)).toEqual(['L1 2027-01-01', 'L1 2027-04-01', 'L2 2027-01-01', 'L2 2027-04-01']);
  });
});
