import { activeAccount } from './support/accounts.js';
import { DeadlineScheduler } from '../src/rounds/deadline-scheduler.js';
import { bearer, publishedRound, roundDefinition, userId } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

describe('a round from draft to scoring over HTTP', () => {
  let t: TestApp;
  let lead: string;
  beforeAll(async () => {
    t = await startTestApp();
    lead = await t.tokenFor('commissioner@demo.test');
  });
  afterAll(() => t.close());

  it('creates a draft and says what blocks publishing', async () => {
    const created = await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'VRU-2027-001' })).expect(201);
    expect(created.body).toMatchObject({ reference: 'VRU-2027-001', state: 'draft', route: 'pa23-open', yourRole: 'lead', workflow: { id: 'pa23-open', version: 1 } });
    expect(created.body.criteria.map((s: { key: string; weight: string }) => [s.key, s.weight])).toEqual([['S1', '60'], ['S2', '10'], ['S3', '30']]);
    expect(created.body.allowedEvents).toEqual(['CANCEL']);
    const publish = created.body.blocked.find((b: { event: string }) => b.event === 'PUBLISH');
    expect(publish.reasons).toEqual([
      'No panel members have been added',
      'No professional is on the panel, but questions Q1, SV1 are scored by professionals',
      'No young partner is on the panel, but questions Q1, Q2 are scored by young partners',
      'The conflicts assessment (PA23 s.83) has not been recorded',
    ]);
    const refused = await t.http().post(`/api/rounds/${created.body.id}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(409);
    expect(refused.body).toMatchObject({ state: 'draft', event: 'PUBLISH', allowedEvents: ['CANCEL'], reasons: publish.reasons });
    await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'VRU-2027-001' })).expect(409);
  });

  it('refuses weights that do not sum to 100 with a 422 naming the level, and bad fields with a 400 naming the path', async () => {
    const definition = roundDefinition();
    definition.criteria[0].weight = 55;
    const weights = await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(422);
    expect(weights.body.problems).toEqual(expect.arrayContaining([expect.stringMatching(/section weights sum to 95/i)]));

    const nested = roundDefinition();
    (nested.criteria[0].questions[0] as Record<string, unknown>).colour = 'red';
    (nested.criteria[1] as Record<string, unknown>).weight = 'ten';
    const invalid = await t.http().post('/api/rounds').set(bearer(lead)).send(nested).expect(400);
    const fields = invalid.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['criteria[0].questions[0].colour', 'criteria[1].weight']));

    const panellist = await t.tokenFor('yp1@demo.test');
    await t.http().post('/api/rounds').set(bearer(panellist)).send(roundDefinition()).expect(403);
  });

  it('takes a round through tendering, sealed bids, the deadline, conflicts and compliance into scoring', async () => {
    const { roundId } = await publishedRound(t);
    const yp1 = await t.tokenFor('yp1@demo.test');
    const p1 = await t.tokenFor('clinician@demo.test');
    const yp2 = await t.tokenFor('yp2@demo.test');
    const auditor = await t.tokenFor('auditor@demo.test');

    // Criteria and panel are fixed once published.
    await t.http().put(`/api/rounds/${roundId}/criteria`).set(bearer(lead)).send({ criteria: roundDefinition().criteria }).expect(409);
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, 'finance@demo.test'), group: 'professional' }).expect(409);

    const register = (supplierName: string, price: string, extra: Record<string, unknown> = {}) =>
      t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName, price, responses: { Q1: `${supplierName} approach`, Q2: 'Safety', SV1: 'Jobs' }, ...extra });
    const a = (await register('Safer Futures CIC', '1745000.00').expect(201)).body;
    const b = (await register('Youth Link Partnership', '1600000').expect(201)).body;
    const c = (await register('Bright Paths Ltd', '1900000.50').expect(201)).body;
    expect(a).toMatchObject({ supplierName: 'Safer Futures CIC', price: '1745000.00', compliance: 'pending' });
    await register('Late Ltd', '100', { receivedAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString() }).expect(422);
    const unknown = await register('Odd Ltd', '100', { responses: { Q9: 'x' } }).expect(422);
    expect(unknown.body.message).toBe('Responses name questions this round does not ask: Q9');

    // Sealed: the panel cannot list or read bids before the deadline; the lead and auditors can.
    await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(yp1)).expect(404);
    await t.http().get(`/api/rounds/${roundId}/bids/${a.id}`).set(bearer(yp1)).expect(404);
    expect((await t.http().get(`/api/rounds/${roundId}`).set(bearer(yp1)).expect(200)).body.bids).toBeUndefined();
    expect((await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(auditor)).expect(200)).body).toHaveLength(3);
    await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(yp1)).send({}).expect(409);

    // The tender deadline passes: the scheduler closes tendering; a late registration is refused.
    const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
    expect(round.blocked).toEqual(expect.arrayContaining([{ event: 'TENDER_DEADLINE_PASSED', reasons: [expect.stringMatching(/^The tender deadline \(.+\) has not passed$/)] }]));
    t.clock.set(new Date(new Date(round.timetable.tenderDeadline).getTime() + 1000));
    expect(await t.app.get(DeadlineScheduler).runDue()).toBeGreaterThanOrEqual(1);
    expect(await t.app.get(DeadlineScheduler).runDue()).toBe(0);
    expect((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body.state).toBe('compliance');
    await register('Too Late Ltd', '100').expect(409);

    // Bids open to the panel, without prices; a declared interest recuses the member from that bid.
    const seen = (await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(yp1)).expect(200)).body;
    expect(seen.map((bid: { supplierName: string }) => bid.supplierName)).toEqual(['Safer Futures CIC', 'Youth Link Partnership', 'Bright Paths Ltd']);
    expect(seen[0]).not.toHaveProperty('price');
    await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(yp1)).send({ bidId: a.id }).expect(422);
    await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(yp1)).send({ bidId: a.id, interest: 'My cousin works for Safer Futures' }).expect(200);
    const declared = (await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(yp1)).send({}).expect(200)).body;
    expect(declared).toMatchObject({ panelCode: 'YP1', declared: true, conflicts: [{ supplierName: 'Safer Futures CIC', interest: 'My cousin works for Safer Futures' }] });
    expect((await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(yp1)).expect(200)).body.map((bid: { id: string }) => bid.id)).toEqual([b.id, c.id]);
    await t.http().get(`/api/rounds/${roundId}/bids/${a.id}`).set(bearer(yp1)).expect(404);

    // Compliance: every bid decided, every member declared, before scoring opens.
    const blocked = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(409)).body;
    expect(blocked.reasons).toEqual(['3 bids are still awaiting a compliance check']);
    await t.http().put(`/api/rounds/${roundId}/bids/${a.id}/compliance`).set(bearer(lead)).send({ decision: 'compliant' }).expect(200);
    await t.http().put(`/api/rounds/${roundId}/bids/${b.id}/compliance`).set(bearer(lead)).send({ decision: 'excluded' }).expect(422);
    await t.http().put(`/api/rounds/${roundId}/bids/${b.id}/compliance`).set(bearer(lead)).send({ decision: 'excluded', reason: 'No insurance certificate' }).expect(200);
    await t.http().put(`/api/rounds/${roundId}/bids/${c.id}/compliance`).set(bearer(lead)).send({ decision: 'compliant' }).expect(200);
    await t.http().put(`/api/rounds/${roundId}/bids/${c.id}/compliance`).set(bearer(yp1)).send({ decision: 'compliant' }).expect(403);
    const undeclared = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(409)).body;
    expect(undeclared.reasons).toEqual(['2 of 3 panel members have not declared conflicts: P1, YP2']);
    for (const token of [p1, yp2]) await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(token)).send({}).expect(200);
    // Excluded bids disappear from the panel's view.
    expect((await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(p1)).expect(200)).body.map((bid: { id: string }) => bid.id)).toEqual([a.id, c.id]);

    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(yp1)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(403);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(auditor)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(403);
    const moved = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(200)).body;
    expect(moved).toMatchObject({ event: 'COMPLETE_COMPLIANCE', from: 'compliance', to: 'scoring', round: { state: 'scoring' } });
    const closing = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(409)).body;
    expect(closing.reasons).toEqual(['3 panel members have not submitted their scores: P1, YP1, YP2; give a reason to close scoring without them']);

    const history = (await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(auditor)).expect(200)).body;
    expect(history.map((h: { event: string; from: string; to: string; actor: string | null }) => [h.event, h.from, h.to, h.actor])).toEqual([
      ['PUBLISH', 'draft', 'tendering', 'Priya Shah (commissioner)'],
      ['TENDER_DEADLINE_PASSED', 'tendering', 'compliance', null],
      ['COMPLETE_COMPLIANCE', 'compliance', 'scoring', 'Priya Shah (commissioner)'],
    ]);
    const workflow = (await t.http().get(`/api/rounds/${roundId}/workflow`).set(bearer(yp1)).expect(200)).body;
    expect(workflow).toMatchObject({ id: 'pa23-open', current: 'scoring', initial: 'draft' });
    expect(workflow.transitions).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'scoring', to: 'moderation', event: 'CLOSE_SCORING' })]));

    const trail = (await t.http().get(`/api/audit?roundId=${roundId}`).set(bearer(auditor)).expect(200)).body.map((e: { type: string }) => e.type);
    expect(trail).toEqual(expect.arrayContaining(['round.created', 'panel.member_added', 'round.conflicts_assessment_recorded', 'bid.registered', 'panel.conflict_declared', 'bid.compliance_decided', 'round.transition']));
    t.clock.set(new Date());
  });

  it('ends in noAward when no bid is compliant, and cancels only with a reason', async () => {
    const { roundId } = await publishedRound(t);
    const bid = (await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Only Ltd', price: '10', responses: {} }).expect(201)).body;
    const deadline = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.timetable.tenderDeadline;
    t.clock.set(new Date(new Date(deadline).getTime() + 1));
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
    await t.http().put(`/api/rounds/${roundId}/bids/${bid.id}/compliance`).set(bearer(lead)).send({ decision: 'excluded', reason: 'Missing mandatory documents' }).expect(200);
    const ended = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(200)).body;
    expect(ended.to).toBe('noAward');
    expect(ended.round.allowedEvents).toEqual([]);
    t.clock.set(new Date());

    const other = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body;
    const noReason = (await t.http().post(`/api/rounds/${other.id}/events`).set(bearer(lead)).send({ type: 'CANCEL' }).expect(409)).body;
    expect(noReason.reasons).toEqual(['A reason is required to cancel a round']);
    const cancelled = (await t.http().post(`/api/rounds/${other.id}/events`).set(bearer(lead)).send({ type: 'CANCEL', reason: 'Budget withdrawn by the ICB' }).expect(200)).body;
    expect(cancelled.round).toMatchObject({ state: 'cancelled', cancelReason: 'Budget withdrawn by the ICB' });
  });

  it('hides a round from people who are not its lead, panel or auditors (404)', async () => {
    const { roundId } = await publishedRound(t);
    const other = await activeAccount(t, { email: 'other.lead@example.org', displayName: 'Other', roles: ['commissioner', 'panellist'] });
    await t.http().get(`/api/rounds/${roundId}`).set(bearer(other)).expect(404);
    await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(other)).expect(404);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(other)).send({ type: 'CANCEL', reason: 'mine now' }).expect(404);
    await t.http().get('/api/rounds/not-a-uuid').set(bearer(other)).expect(404);
    expect((await t.http().get('/api/rounds').set(bearer(other)).expect(200)).body).toEqual([]);
    const mine = (await t.http().get('/api/rounds').set(bearer(await t.tokenFor('yp2@demo.test'))).expect(200)).body;
    expect(mine.map((r: { id: string }) => r.id)).toContain(roundId);
  });
});
