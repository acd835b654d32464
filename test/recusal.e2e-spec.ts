import { Database } from '../src/database/database.js';
import { UsersService } from '../src/accounts/users.service.js';
import { roundWithRecusals } from './support/recusal.js';
import { bearer, publishedRound, roundDefinition, userId } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Panel integrity over real HTTP: a declared interest recuses a panellist from the bid from then on,
// whenever it is declared; their marks stay on record and never count anywhere.

interface Cell { bidId: string; key: string; group: string; marks: { panelCode: string; mark: number }[]; recused: { panelCode: string; mark: number; standing: string }[]; consensus: { version: number; reviewNeeded: string | null } | null }

describe('recusal by declaration', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());

  const cell = (cells: Cell[], bidId: string, key: string, group: string) => cells.find((c) => c.bidId === bidId && c.key === key && c.group === group)!;

  it('declare-after-save, declare-then-submit and declare-after-submit: the marks are shown as recused and never counted', async () => {
    const r = await roundWithRecusals(t);
    const auditor = await t.tokenFor('auditor@demo.test');
    // Submitting never submits a recused draft: P1 submitted B's two marks only.
    expect(r.clinicianSubmitted.scores).toBe(2);

    const moderation = (await t.http().get(`/api/rounds/${r.roundId}/moderation`).set(bearer(auditor)).expect(200)).body;
    const aQ1 = cell(moderation.items, r.bidA, 'Q1', 'professional');
    expect(aQ1.marks.map((m) => [m.panelCode, m.mark])).toEqual([['P2', 2], ['P3', 2]]);
    expect(aQ1.recused).toEqual([expect.objectContaining({ panelCode: 'P1', mark: 4, standing: expect.stringMatching(/^recused \(declared .+: I was a trustee of Alpha CIC until last year\)$/) })]);
    const bQ2 = cell(moderation.items, r.bidB, 'Q2', 'youngPartner');
    expect(bQ2.marks.map((m) => [m.panelCode, m.mark])).toEqual([['YP2', 1], ['YP3', 1]]);
    expect(bQ2.recused.map((m) => [m.panelCode, m.mark])).toEqual([['YP1', 4]]);
    expect(cell(moderation.items, r.bidB, 'Q1', 'youngPartner')).toMatchObject({ mean: '1', spread: 0 });

    // Provisional results (auditor, during scoring) count only the marks that count: hand-computed 68.75 and 48.75.
    const results = (await t.http().get(`/api/rounds/${r.roundId}/results`).set(bearer(auditor)).expect(200)).body;
    expect(results.bids.map((b: { supplierName: string; total: string }) => [b.supplierName, b.total])).toEqual([['Alpha CIC', '68.75'], ['Beta Trust', '48.75']]);

    // The recused panellist no longer sees the bid on any route.
    const clinician = r.tokens['clinician@demo.test'];
    expect((await t.http().get(`/api/rounds/${r.roundId}/bids`).set(bearer(clinician)).expect(200)).body.map((b: { supplierName: string }) => b.supplierName)).toEqual(['Beta Trust']);
    await t.http().get(`/api/rounds/${r.roundId}/bids/${r.bidA}`).set(bearer(clinician)).expect(404);
    const mine = (await t.http().get(`/api/rounds/${r.roundId}/my-scoring`).set(bearer(r.tokens['yp1@demo.test'])).expect(200)).body;
    expect(mine.bids.map((b: { supplierName: string }) => b.supplierName)).toEqual(['Alpha CIC']);

    // After scoring closes the lead sees the same figures.
    await t.http().post(`/api/rounds/${r.roundId}/events`).set(bearer(r.lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    const leadResults = (await t.http().get(`/api/rounds/${r.roundId}/results`).set(bearer(r.lead)).expect(200)).body;
    expect(leadResults.bids.map((b: { total: string }) => b.total)).toEqual(['68.75', '48.75']);
  });

  it('a declaration after consensus flags the cell: moderation cannot close until the lead confirms it with a reason', async () => {
    const r = await roundWithRecusals(t);
    const { lead, roundId } = r;
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    const before = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body.items as Cell[];
    for (const c of before) {
      await t.http().put(`/api/rounds/${roundId}/bids/${c.bidId}/consensus/${r.q[c.key]}`).set(bearer(lead)).send({ group: c.group, mark: c.marks[0].mark }).expect(200);
    }
    // YP2 now declares an interest in B: the consensus on B that YP2's marks informed is flagged.
    await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(r.tokens['yp2@demo.test'])).send({ bidId: r.bidB, interest: 'I found out my friend is a mentor there' }).expect(200);
    const after = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body;
    const flagged = (after.items as Cell[]).filter((c) => c.consensus?.reviewNeeded);
    expect(flagged.map((c) => `${c.key}/${c.group}`).sort()).toEqual(['Q1/youngPartner', 'Q2/youngPartner']);
    expect(flagged.every((c) => c.bidId === r.bidB && /YP2 declared an interest in Beta Trust/.test(c.consensus!.reviewNeeded!))).toBe(true);
    expect(cell(after.items, r.bidB, 'Q2', 'youngPartner').marks.map((m) => m.panelCode)).toEqual(['YP3']);
    expect(after).toMatchObject({ agreed: 6, outstanding: 2 });

    const refused = await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(409);
    expect(refused.body.reasons.join(' ')).toMatch(/2 consensus marks are still to be agreed/);
    for (const c of flagged) {
      const path = `/api/rounds/${roundId}/bids/${c.bidId}/consensus/${r.q[c.key]}`;
      const noReason = await t.http().put(path).set(bearer(lead)).send({ group: c.group, mark: 1, version: c.consensus!.version }).expect(422);
      expect(noReason.body.message).toMatch(/A reason is required: YP2 declared an interest/);
      const confirmed = await t.http().put(path).set(bearer(lead)).send({ group: c.group, mark: 1, version: c.consensus!.version, reason: 'Reviewed without YP2: YP3 gave 1, the answer names no safety plan' }).expect(200);
      expect(confirmed.body.consensus).toMatchObject({ reviewNeeded: null, version: c.consensus!.version + 1 });
    }
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
  });

  it('a panellist who has not declared gets names only, from every bid route', async () => {
    t.clock.set(new Date());
    const { roundId, lead } = await publishedRound(t);
    const created = await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Alpha CIC', price: '100', responses: { Q1: 'Our secret approach', Q2: 'Safety', SV1: 'Jobs' } }).expect(201);
    const deadline = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.timetable.tenderDeadline;
    t.clock.set(new Date(new Date(deadline).getTime() + 60_000));
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
    const yp = await t.tokenFor('yp1@demo.test');
    const list = (await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(yp)).expect(200)).body;
    const one = (await t.http().get(`/api/rounds/${roundId}/bids/${created.body.id}`).set(bearer(yp)).expect(200)).body;
    for (const bid of [list[0], one]) {
      expect(Object.keys(bid).sort()).toEqual(['compliance', 'id', 'practice', 'receivedAt', 'supplierName']);
      expect(JSON.stringify(bid)).not.toContain('secret');
    }
    await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(yp)).send({}).expect(200);
    expect((await t.http().get(`/api/rounds/${roundId}/bids/${created.body.id}`).set(bearer(yp)).expect(200)).body.responses.Q1).toBe('Our secret approach');
    t.clock.set(new Date());
  });

  it('separation of duties: the lead and auditors may not sit on the panel', async () => {
    const users = t.app.get(UsersService);
    const [leadPanellist, auditorPanellist] = await t.app.get(Database).write(async (manager) => [
      await users.createActive(manager, { email: 'lead.panellist@example.org', displayName: 'Lee Lead', roles: ['commissioner', 'panellist'], password: 'a long enough passphrase' }),
      await users.createActive(manager, { email: 'audit.panellist@example.org', displayName: 'Ada Audit', roles: ['auditor', 'panellist'], password: 'a long enough passphrase' }),
    ]);
    const lead = await t.tokenFor('lead.panellist@example.org', 'a long enough passphrase');
    const roundId = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id;
    const own = await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: leadPanellist.id, group: 'professional' }).expect(422);
    expect(own.body.message).toMatch(/Separation of duties: Lee Lead leads this round and cannot also sit on its panel/);
    const auditor = await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: auditorPanellist.id, group: 'professional' }).expect(422);
    expect(auditor.body.message).toMatch(/Ada Audit is an auditor/);
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, 'yp1@demo.test'), group: 'youngPartner' }).expect(201);
  });
});
