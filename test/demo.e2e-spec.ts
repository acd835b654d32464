import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../src/seed/demo-fixtures.js';
import { bearer } from './support/rounds.js';
import { DEMO, startTestApp, TestApp } from './support/test-app.js';

describe('the seeded demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demoRounds: true });
  }, 180_000); // seeds five demo rounds through the services
  afterAll(() => t.close());

  it('has a round open for tenders, one being scored, and one moderated and awaiting the award decision', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const rounds = (await t.http().get('/api/rounds').set(bearer(lead)).expect(200)).body;
    const states = Object.fromEntries(rounds.map((r: { reference: string; state: string }) => [r.reference, r.state]));
    expect(states).toEqual({ 'LVRP-PSR-2027-022': 'tendering', 'LVRP-2027-014': 'scoring', 'YJS-2027-006': 'awardDecision', 'MNT-2026-002': 'awarded', 'ICS-2026-031': 'awardDecision' });

    // Each demo young partner and professional has bids to score in the scoring round.
    const scoringRound = rounds.find((r: { state: string }) => r.state === 'scoring').id;
    for (const user of DEMO.users.filter((u) => u.group)) {
      const mine = (await t.http().get(`/api/rounds/${scoringRound}/my-scoring`).set(bearer(await t.tokenFor(user.email))).expect(200)).body;
      expect({ who: user.email, open: mine.open, bids: mine.bids.length, total: mine.progress.total > 0 }).toEqual({ who: user.email, open: true, bids: 4, total: true });
    }
    // The demo workshop's i-Statements: Q1 came from what young people said (the one without consent stays out).
    const yp1 = (await t.http().get(`/api/rounds/${scoringRound}/my-scoring`).set(bearer(await t.tokenFor('yp1@demo.test'))).expect(200)).body;
    expect(yp1.bids[0].questions.find((q: { key: string }) => q.key === 'Q1').fromYoungPeople.map((s: { text: string }) => s.text)).toEqual(["I need to feel safe where we meet, not just be told it's safe."]);
    const coverage = (await t.http().get(`/api/rounds/${scoringRound}/statement-coverage`).set(bearer(lead)).expect(200)).body;
    expect(coverage.uncited.map((s: { text: string }) => s.text)).toContain('Pay us for our time when we help you.');

    // The moderated round has final results with every group's contribution, ready for the award decision.
    const decided = rounds.find((r: { reference: string }) => r.reference === 'YJS-2027-006').id;
    const moderation = (await t.http().get(`/api/rounds/${decided}/moderation`).set(bearer(lead)).expect(200)).body;
    expect(moderation.outstanding).toBe(0);
    expect(moderation.items.some((c: { disagreement: boolean }) => c.disagreement)).toBe(true);
    const results = (await t.http().get(`/api/rounds/${decided}/results`).set(bearer(lead)).expect(200)).body;
    expect(results.provisional).toBe(false);
    expect(results.bids.map((b: { supplierName: string; status: string; rank: number | null }) => [b.supplierName, b.status, b.rank])).toEqual([
      ['Keystone Mentoring Collective CIC', 'ranked', 1],
      ['Halden Youth Mentoring Trust', 'ranked', 2],
      ['Brookmere Community Services', 'excluded', null],
    ]);
    expect(Number(results.bids[0].contributions.youngPartner)).toBeGreaterThan(0);
    const history = (await t.http().get(`/api/rounds/${decided}/history`).set(bearer(lead)).expect(200)).body;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['tendering', 'compliance', 'scoring', 'moderation', 'awardDecision']);
    expect(new Date(history[0].at).getTime()).toBeLessThan(Date.now() - 30 * 24 * 3600 * 1000);
    expect(t.clock.now().getTime()).toBeGreaterThan(Date.now() - 60_000);

    const auditor = await t.tokenFor('auditor@demo.test');
    expect((await t.http().get('/api/audit/verify').set(bearer(auditor)).expect(200)).body.valid).toBe(true);
  });

  it('has an awarded round whose contract KPIs come from the workshop, with two reviewed quarters and "you said, we did"', async () => {
    const yp1 = await t.tokenFor('yp1@demo.test');
    const rounds = (await t.http().get('/api/rounds').set(bearer(yp1)).expect(200)).body;
    const awarded = rounds.find((r: { reference: string }) => r.reference === 'MNT-2026-002').id;
    const contract = (await t.http().get(`/api/rounds/${awarded}/contract`).set(bearer(yp1)).expect(200)).body;
    expect(contract.kpis.map((k: { name: string; statements: unknown[]; periods: { reviews: unknown[]; periodEnd: string }[] }) => [k.name, k.statements.length, k.periods.length, k.periods.map((p) => p.reviews.length)]))
      .toEqual([['Mentors with lived experience', 1, 2, [2, 2]], ['Call-backs made when promised', 1, 2, [2, 2]]]);
    expect(new Date(contract.kpis[0].periods[1].periodEnd).getTime()).toBeLessThan(Date.now());
    const feedback = (await t.http().get(`/api/rounds/${awarded}/you-said-we-did`).set(bearer(yp1)).expect(200)).body;
    expect(contract.providers).toEqual([{ lotKey: '', lotTitle: null, supplierName: expect.any(String) }]);
    expect(feedback.outcomes).toHaveLength(1);
    expect(feedback.outcomes[0].lot).toBeNull();
    expect(feedback.outcomes[0].organisations.find((o: { awarded: boolean }) => o.awarded).name).toBe(contract.providers[0].supplierName);
    expect(feedback.said.find((s: { text: string }) => s.text.startsWith('If they promise')).kpis.map((k: { name: string }) => k.name)).toEqual(['Call-backs made when promised']);
  });

  it('has a round in three lots whose bids were imported from the file in fixtures/, with L1 awarded, L3 no award and L2 to decide', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const rounds = (await t.http().get('/api/rounds').set(bearer(lead)).expect(200)).body;
    const roundId = rounds.find((r: { reference: string }) => r.reference === 'ICS-2026-031').id;
    const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
    expect(round.lots.map((l: { key: string; title: string; value: string }) => [l.key, l.title, l.value])).toEqual([
      ['L1', 'North East London', '3400000.00'], ['L2', 'North Central London', '3100000.00'], ['L3', 'North West London', '3200000.00'],
    ]); // £9.7m in all

    // Seven bids, as the file has them; Keystone and Halden bid for two lots each.
    const bids = (await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(lead)).expect(200)).body as { id: string; supplierName: string; lotKey: string; receivedAt: string }[];
    expect(bids.map((b) => `${b.lotKey} ${b.supplierName}`).sort()).toEqual([
      'L1 Halden Youth Mentoring Trust', 'L1 Keystone Mentoring Collective CIC', 'L1 Riverside Youth Alliance',
      'L2 Keystone Mentoring Collective CIC', 'L2 Northern Heights Youth Partnership',
      'L3 Brookmere Community Services', 'L3 Halden Youth Mentoring Trust',
    ]);
    expect(bids.find((b) => b.supplierName === 'Riverside Youth Alliance')!.receivedAt).toBe('2026-10-15T16:30:00.000Z');
    // Registered by the import (one audit event per bid, naming the file's row and hash), not one by one.
    const file = readFileSync(join(FIXTURES_DIR, 'bid-import', 'three-ics-bids.csv'));
    const trail = (await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(lead)).expect(200)).body as { type: string; payload: { supplierName?: string; importedFrom?: { uploadSha256: string; row: number } } }[];
    const registrations = trail.filter((e) => e.type === 'bid.registered');
    expect(registrations.map((e) => e.payload.importedFrom?.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(registrations.map((e) => e.payload.importedFrom?.uploadSha256))).toEqual(new Set([createHash('sha256').update(file).digest('hex')]));

    // Results per lot: L1 has its preferred bidder (the top-ranked), L2 awaits the decision, L3 ends with no award.
    const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    type LotResult = { lot: { key: string }; provisional: boolean; decision: { outcome: string; bidId: string | null; noAwardReason: string | null } | null; bids: { id: string; supplierName: string; status: string; rank: number | null }[] };
    const lots = results.lots as LotResult[];
    expect(lots.map((l) => [l.lot.key, l.provisional, l.bids.map((b) => [b.supplierName, b.status])])).toEqual([
      ['L1', false, [['Keystone Mentoring Collective CIC', 'ranked'], ['Halden Youth Mentoring Trust', 'ranked'], ['Riverside Youth Alliance', 'disqualified']]],
      ['L2', false, [['Keystone Mentoring Collective CIC', 'ranked'], ['Northern Heights Youth Partnership', 'ranked']]],
      ['L3', false, [['Halden Youth Mentoring Trust', 'ranked'], ['Brookmere Community Services', 'excluded']]],
    ]);
    expect(lots[0].decision).toMatchObject({ outcome: 'awarded', bidId: lots[0].bids.find((b) => b.rank === 1)!.id });
    expect(lots[1].decision).toBeNull();
    expect(lots[2].decision).toMatchObject({ outcome: 'noAward', bidId: null, noAwardReason: expect.stringMatching(/above the £3.2m budget/) });
    // Not yet awarded, so no contract runs; but L1 has its preferred bidder, so the lead may set the KPIs now.
    const contract = (await t.http().get(`/api/rounds/${roundId}/contract`).set(bearer(lead)).expect(200)).body;
    expect(contract).toMatchObject({ providers: [{ lotKey: 'L1', lotTitle: 'North East London', supplierName: 'Keystone Mentoring Collective CIC' }], mayDefine: true, mayRecord: false, kpis: [] });
    const history = (await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(lead)).expect(200)).body;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['tendering', 'compliance', 'scoring', 'moderation', 'awardDecision']);

    // The clarification log: four questions, one superseded by a correction that changes the tender documents.
    const log = (await t.http().get(`/api/rounds/${roundId}/clarifications`).set(bearer(lead)).expect(200)).body as { reference: string; status: string; changesTenderDocuments: boolean; supersedes: string | null }[];
    expect(log.map((c) => [c.reference, c.status, c.changesTenderDocuments, c.supersedes])).toEqual([
      ['C1', 'published', false, null], ['C2', 'superseded', false, null], ['C3', 'published', true, 'C2'], ['C4', 'published', true, null], ['C5', 'published', false, null],
    ]);
  });
});
