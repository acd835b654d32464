import { signInPage } from './support/accounts.js';
import { bearer, decidedRound, publishedRound, roundDefinition, sendSummaries, TWO_LOT_BIDS } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// Lots (README "Lots"): one method and one panel for the round, but each lot is priced, ranked,
// tie-broken and awarded on its own bids; a lot can end with no award while others are awarded.

const LOTS = [
  { key: 'L1', title: 'North', description: 'The service in the north of the county.', value: '1200000.00' },
  { key: 'L2', title: 'South', description: 'The service in the south of the county.' },
];

interface BidResult { id: string; supplierName: string; rank: number | null; tie: boolean; totalDisplay: string; qualityScore: string; contributionsDisplay: { price: string }; tieBreak: { outcome: string } | null }
interface LotResult { lot: { key: string }; lowestCompliantPrice: string; preferredBidId: string | null; decision: unknown; bids: BidResult[] }

describe('lots', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a definition whose lots share a key, and takes each bid for one of the round\'s lots', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const twice = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ lots: [LOTS[0], { ...LOTS[1], key: 'L1' }] })).expect(400)).body;
    expect(JSON.stringify(twice)).toContain('lots must each have their own key');
    const badKey = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ lots: [{ ...LOTS[0], key: 'north' }] })).expect(400)).body;
    expect(JSON.stringify(badKey)).toContain('lot key must be capital letters and digits');

    const { roundId } = await publishedRound(t, { lots: LOTS });
    expect((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body.lots).toEqual([{ ...LOTS[0] }, { ...LOTS[1], value: null }]);
    const bid = (supplierName: string, lotKey?: string) => t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead))
      .send({ supplierName, ...(lotKey !== undefined ? { lotKey } : {}), price: '1000', responses: { Q1: 'An answer', Q2: 'An answer', SV1: 'An answer' } });
    const missing = (await bid('Alder Mentoring CIC').expect(422)).body;
    expect(missing).toMatchObject({ code: 'bids.lot_invalid', message: 'This round has lots: lotKey must name the lot the bid is for (L1, L2)' });
    expect((await bid('Alder Mentoring CIC', 'L3').expect(422)).body).toMatchObject({ code: 'bids.lot_invalid', message: "lotKey must be one of this round's lots: L1 North; L2 South" });
    expect((await bid('Alder Mentoring CIC', 'L1').expect(201)).body).toMatchObject({ supplierName: 'Alder Mentoring CIC', lotKey: 'L1' });
    // The same supplier may bid for another lot, but once per lot.
    await bid('Alder Mentoring CIC', 'L2').expect(201);
    expect((await bid('Alder Mentoring CIC', 'L1').expect(409)).body).toMatchObject({ code: 'bids.supplier_taken', message: 'A bid from Alder Mentoring CIC for lot L1 North is already registered' });

    // A round without lots refuses a lot, and its bids show none; one bid per supplier as before.
    const plain = await publishedRound(t);
    const plainBid = (lotKey?: string) => t.http().post(`/api/rounds/${plain.roundId}/bids`).set(bearer(lead))
      .send({ supplierName: 'Birch Youth Trust', ...(lotKey ? { lotKey } : {}), price: '1000', responses: { Q1: 'An answer' } });
    expect((await plainBid('L1').expect(422)).body).toMatchObject({ code: 'bids.lot_invalid', message: 'This round has no lots: leave lotKey out' });
    expect(Object.keys((await plainBid().expect(201)).body)).not.toContain('lotKey');
    expect((await plainBid().expect(409)).body.message).toBe('A bid from Birch Youth Trust is already registered');
    expect((await t.http().get(`/api/rounds/${plain.roundId}`).set(bearer(lead)).expect(200)).body).not.toHaveProperty('lots');
  });

  it('imports bids for lots from a spreadsheet: the template has a Lot column, the lot is checked, and a supplier bids once per lot', async () => {
    const { roundId, lead } = await publishedRound(t, { lots: LOTS });
    const template = (await t.http().get(`/api/rounds/${roundId}/bid-import/template.csv`).set(bearer(lead)).expect(200)).text;
    expect(template.split('\n')[0]).toMatch(/^Supplier name,Lot,Price \(£\),Received at \(UTC\),/);
    await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Cedar Futures', lotKey: 'L2', price: '900', responses: { Q1: 'An answer', Q2: 'An answer', SV1: 'An answer' } }).expect(201);
    const at = t.clock.now().toISOString(); // after publication, before the check
    const row = (supplier: string, lot: string) => `${supplier},${lot},1000,${at},An answer,An answer,An answer`;
    const check = (rows: string[]) => t.http().post(`/api/rounds/${roundId}/bid-import/check`).set(bearer(lead))
      .send({ fileName: 'bids.csv', content: Buffer.from(['Supplier name,Lot,Price (£),Received at (UTC),Q1,Q2,SV1', ...rows].join('\n')).toString('base64') }).expect(200).then((r) => r.body);
    const problems = await check([row('Alder Mentoring CIC', 'L1'), row('Alder Mentoring CIC', 'L2'), row('Birch Youth Trust', 'L3'), row('Birch Youth Trust', ''), row('Alder Mentoring CIC', 'L1'), row('Cedar Futures', 'L2'), row('Cedar Futures', 'South')]);
    expect(problems.problems.map((p: { row: number; column: string; reason: string }) => [p.row, p.column, p.reason])).toEqual([
      [4, 'B', '"L3" is not a lot of this round (L1, L2)'],
      [5, 'B', 'The lot is missing'],
      [6, 'A', 'Alder Mentoring CIC already has a bid for lot L1 on row 2'],
      [7, 'A', 'A bid from Cedar Futures for lot L2 is already registered'],
      [8, 'A', 'A bid from Cedar Futures for lot L2 is already registered'], // a lot may be named by its title
    ]);
    const clean = await check([row('Alder Mentoring CIC', 'L1'), row('Alder Mentoring CIC', 'L2'), row('Cedar Futures', 'L1')]);
    expect(clean.clean).toBe(true);
    await t.http().post(`/api/rounds/${roundId}/bid-import/${clean.uploadId}/confirm`).set(bearer(lead)).send({}).expect(201);
    const bids = (await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(lead)).expect(200)).body;
    expect(bids.map((b: { supplierName: string; lotKey: string }) => `${b.lotKey} ${b.supplierName}`).sort()).toEqual(['L1 Alder Mentoring CIC', 'L1 Cedar Futures', 'L2 Alder Mentoring CIC', 'L2 Cedar Futures']);
  });

  it('prices, ranks and tie-breaks each lot on its own bids, awards one lot and not the other, and moves to standstill', async () => {
    // Effective weights: Q1 30 (professional 50 / young partners 50), Q2 30 (young partners), SV1 10, price 30; marks out of 4.
    // Per mark point: Q1 3.75 per group, Q2 7.5, SV1 2.5. Tie-break: the higher quality score.
    const marks: Record<string, number>[] = [
      { 'Q1/professional': 3, 'Q1/youngPartner': 3, 'Q2/youngPartner': 2, 'SV1/professional': 2 }, // L1 Alder: quality 22.5 + 15 + 5 = 42.5
      { 'Q1/professional': 2, 'Q1/youngPartner': 2, 'Q2/youngPartner': 3, 'SV1/professional': 2 }, // L1 Birch: quality 15 + 22.5 + 5 = 42.5
      { 'Q1/professional': 4, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 4 }, // L2 Alder: quality 30 + 22.5 + 10 = 62.5
      { 'Q1/professional': 4, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 2 }, // L2 Cedar: quality 30 + 22.5 + 5 = 57.5
    ];
    const { roundId, lead, bidIds, results } = await decidedRound(t, {
      bids: TWO_LOT_BIDS,
      mark: (bid, key, group) => marks[bid][`${key}/${group}`],
      overrides: { lots: LOTS },
    });
    const [alder1, birch, alder2, cedar] = bidIds;
    expect(results.bids).toEqual([]);
    const [l1, l2] = results.lots as LotResult[];
    // L1: lowest compliant price 80,000 (not L2's 40,000). Alder 80000/100000 x 30 = 24, total 66.5; Birch 30, total 72.5.
    expect(l1.lot.key).toBe('L1');
    expect(l1.lowestCompliantPrice).toBe('80000');
    expect(l1.bids.map((b) => [b.id, b.rank, b.tie, b.contributionsDisplay.price, b.totalDisplay])).toEqual([
      [birch, 1, false, '30.00', '72.50'],
      [alder1, 2, false, '24.00', '66.50'],
    ]);
    // L2: lowest 40,000. Alder 40000/48000 x 30 = 25, total 87.5; Cedar 30, total 87.5: a tie on total,
    // which the published tie-break (quality 62.5 against 57.5) gives to Alder.
    expect(l2.lowestCompliantPrice).toBe('40000');
    expect(l2.bids.map((b) => [b.id, b.rank, b.tie, b.contributionsDisplay.price, b.totalDisplay, b.qualityScore, b.tieBreak?.outcome])).toEqual([
      [alder2, 1, false, '25.00', '87.50', '62.5', 'tieBreakApplied'],
      [cedar, 2, false, '30.00', '87.50', '57.5', 'tieBreakApplied'],
    ]);
    expect(results.lots.map((l: LotResult) => l.decision)).toEqual([null, null]);

    // The decision is per lot: the round-wide one is refused, a lot's preferred bidder comes from that lot.
    const refused = (await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: birch }).expect(422)).body;
    expect(refused.code).toBe('award.decided_per_lot');
    const decide = (lotKey: string, body: Record<string, unknown>) => t.http().post(`/api/rounds/${roundId}/lots/${lotKey}/award-decision`).set(bearer(lead)).send(body);
    expect((await decide('L1', { bidId: cedar }).expect(404)).body.code).toBe('award.bid_not_found');
    expect((await decide('L1', { bidId: alder1 }).expect(422)).body).toMatchObject({ code: 'award.departure_reason_required', message: 'Birch Youth Trust is ranked first: record the reason for departing from the ranking' });
    expect((await decide('L9', { bidId: birch }).expect(404)).body.code).toBe('award.lot_not_found');
    expect((await decide('L2', {}).expect(422)).body.code).toBe('award.lot_decision_invalid');
    await decide('L2', { noAwardReason: 'Too short' }).expect(400);
    await t.http().post(`/api/rounds/${roundId}/lots/L1/award-decision`).set(bearer(await t.tokenFor('auditor@demo.test'))).send({ bidId: birch }).expect(403);
    expect((await decide('L1', { bidId: birch }).expect(200)).body).toMatchObject({ lotKey: 'L1', bidId: birch, topRanked: true, noAwardReason: null });

    // Only L1 is decided: no award notice yet.
    const early = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(409)).body;
    expect(early.reasons).toEqual(['1 lot has no award decision yet: L2 South', expect.stringMatching(/^4 assessment summaries have not been marked sent: /)]);

    const noAward = 'The lead decided not to award the south lot: the budget for it was withdrawn by the board.';
    expect((await decide('L2', { noAwardReason: noAward }).expect(200)).body).toMatchObject({ lotKey: 'L2', bidId: null, noAwardReason: noAward });
    const after = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    expect(after.lots.map((l: LotResult) => [l.preferredBidId, l.decision])).toEqual([
      [birch, expect.objectContaining({ outcome: 'awarded', bidId: birch })],
      [null, expect.objectContaining({ outcome: 'noAward', bidId: null, noAwardReason: noAward })],
    ]);
    const trail = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body;
    expect(trail.filter((e: { type: string }) => e.type === 'award.lot_decision_recorded').map((e: { payload: { lotKey: string; outcome: string } }) => [e.payload.lotKey, e.payload.outcome])).toEqual([['L1', 'awarded'], ['L2', 'noAward']]);

    // Summaries go to the bidders of the awarded lot only, each with its lot's ranking.
    const overview = await sendSummaries(t, roundId, lead);
    expect(overview.summaries.map((s: { supplierName: string; lotKey: string; outcome: string }) => [s.supplierName, s.lotKey, s.outcome]).sort()).toEqual([
      ['Alder Mentoring CIC', 'L1', 'unsuccessful'], ['Birch Youth Trust', 'L1', 'preferred bidder'],
    ]);
    const loser = (await t.http().get(`/api/rounds/${roundId}/bids/${alder1}/assessment-summary`).set(bearer(lead)).expect(200)).body;
    expect(loser).toMatchObject({ rank: 2, winner: { supplierName: 'Birch Youth Trust' } });
    expect((await t.http().get(`/api/rounds/${roundId}/bids/${cedar}/assessment-summary`).set(bearer(lead)).expect(409)).body.message).toBe('Lot L2 South has no preferred bidder: its bidders get no assessment summary');

    const moved = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200)).body;
    expect(moved.to).toBe('standstill');
    expect((await t.http().get(`/api/rounds/${roundId}/audit/verify`).set(bearer(lead)).expect(200)).body.valid).toBe(true);
  });

  it('lets the lead award the lots separately on the results page: one lot at a time, no award with a reason after confirming', async () => {
    const { roundId, lead, bidIds } = await decidedRound(t, {
      bids: TWO_LOT_BIDS.slice(0, 3),
      mark: (bid) => [2, 3, 4][bid],
      overrides: { lots: LOTS },
    });
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const get = (path: string) => t.http().get(path).set('Cookie', page.cookieHeader()).expect(200).then((r) => r.text);
    const post = (lotKey: string, fields: Record<string, string>) => t.http().post(`/rounds/${roundId}/results/lots/${lotKey}/award-decision`).type('form').set('Cookie', page.cookieHeader()).send({ _csrf: page.csrfToken, ...fields });

    // The first lot by default, a link to each; only that lot's bids.
    const first = await get(`/rounds/${roundId}/results`);
    expect(first).toContain('<title>Results, lot L1');
    expect(first).toMatch(/href="\/rounds\/[^"]+\/results\?lot=L2"/);
    expect(first).toContain('<th scope="row">Birch Youth Trust');
    const second = await get(`/rounds/${roundId}/results?lot=L2`);
    expect(second).not.toContain('<th scope="row">Birch Youth Trust');
    expect(second).toContain('Not decided yet.');
    await t.http().get(`/rounds/${roundId}/results?lot=L7`).set('Cookie', page.cookieHeader()).expect(404);

    // L1: its top-ranked bid. L2: no award, which asks to confirm first, and a short reason is refused.
    expect((await post('L1', { choice: bidIds[1] }).expect(303)).headers.location).toBe(`/rounds/${roundId}/results?lot=L1&notice=decided`);
    expect((await post('L2', { choice: 'none', reason: 'Too short' }).expect(400)).text).toContain('at least 20 characters');
    const reason = 'The south lot is withdrawn: the council has moved the service in-house.';
    expect((await post('L2', { choice: 'none', reason }).expect(200)).text).toContain('No award for lot L2?');
    await post('L2', { choice: 'none', reason, confirmed: 'yes' }).expect(303);
    const decided = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    expect(decided.lots.map((l: LotResult) => l.decision)).toEqual([
      expect.objectContaining({ outcome: 'awarded', bidId: bidIds[1] }), expect.objectContaining({ outcome: 'noAward', noAwardReason: reason }),
    ]);
    expect(await get(`/rounds/${roundId}/results?lot=L2`)).toContain(`No award for this lot: ${reason}`);
    // Pages that list bids name the lot: the round's bids, moderation, the summaries.
    expect(await get(`/rounds/${roundId}`)).toMatch(/<th scope="col">Lot<\/th>[\s\S]*<td>L2 South<\/td>/);
    expect(await get(`/rounds/${roundId}/moderation`)).toContain('Alder Mentoring CIC (lot L1)');
    expect(await get(`/rounds/${roundId}/summaries`)).toContain('<th scope="row">Birch Youth Trust (lot L1)</th>');
  });
});
