import { ACCESS_TABLE, CALLERS, expected, type Caller, type Stage } from './access-table.js';
import { activeAccount, ADMIN_EMAIL } from '../support/accounts.js';
import { bearer, roundDefinition, userId } from '../support/rounds.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The access matrix, generated from the declared table in test/access/access-table.ts: every API route,
// every kind of caller, a round at every stage. A 404 never leaks a supplier's name.

const DAY = 24 * 3600 * 1000;
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** The matrix for rounds at `stages` (two files share the stages, so the halves run side by side). */
export function describeAccessMatrix(stages: readonly Stage[]): void {
  describe(`access matrix: every route, every kind of caller, in ${stages.join(', ')}`, () => {
    let t: TestApp;
    const tokens = {} as Record<Caller, string | null>;
    const rounds = {} as Record<Stage, Record<string, string>>;

    /** A round taken through the API to `stage`, with bids A and B; YP2 declares an interest in A once bids are opened. */
    async function roundAt(stage: Stage, base: Date): Promise<Record<string, string>> {
      t.clock.set(base);
      const lead = tokens.lead!;
      const call = (method: 'post' | 'put', path: string, body: object) => t.http()[method](path).set(bearer(lead)).send(body);
      const tenderDeadline = new Date(base.getTime() + (stage === 'tendering' ? 30 : 14) * DAY).toISOString();
      const roundId: string = (await call('post', '/api/rounds', roundDefinition({ timetable: { tenderDeadline } })).expect(201)).body.id;
      const members: Record<string, string> = {};
      for (const [email, group] of [['yp1@demo.test', 'youngPartner'], ['yp2@demo.test', 'youngPartner'], ['clinician@demo.test', 'professional']]) {
        members[email] = (await call('post', `/api/rounds/${roundId}/panel`, { userId: await userId(t, email), group }).expect(201)).body.id;
      }
      await call('post', `/api/rounds/${roundId}/conflicts-assessment`, { summary: 'Panel and officers assessed; no interests found in the market.' }).expect(200);
      await call('post', `/api/rounds/${roundId}/events`, { type: 'PUBLISH' }).expect(200);
      const bid = async (supplierName: string, price: string) =>
        (await call('post', `/api/rounds/${roundId}/bids`, { supplierName, price, responses: { Q1: `${supplierName} approach`, Q2: 'Safety', SV1: 'Jobs' } }).expect(201)).body.id as string;
      const ids = { id: roundId, bidA: await bid('Alpha CIC', '100'), bidB: await bid('Beta Trust', '120'), memberP1: members['clinician@demo.test'] };
      if (stage === 'tendering') return ids;
      t.clock.set(new Date(base.getTime() + 14 * DAY + 60_000));
      await call('post', `/api/rounds/${roundId}/events`, { type: 'TENDER_DEADLINE_PASSED' }).expect(200);
      await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(tokens.conflicted!)).send({ bidId: ids.bidA, interest: 'My sister volunteers there' }).expect(200);
      for (const who of ['youngPartner', 'professional', 'conflicted'] as const) await t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(tokens[who]!)).send({}).expect(200);
      if (stage === 'compliance') return ids;
      for (const bidId of [ids.bidA, ids.bidB]) await call('put', `/api/rounds/${roundId}/bids/${bidId}/compliance`, { decision: 'compliant' }).expect(200);
      await call('post', `/api/rounds/${roundId}/events`, { type: 'COMPLETE_COMPLIANCE' }).expect(200);
      if (stage === 'scoring') return ids;
      await call('post', `/api/rounds/${roundId}/events`, { type: 'CLOSE_SCORING', reason: 'Access test: closing without every score' }).expect(200);
      if (stage === 'moderation') return ids;
      const cells = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body.items;
      for (const c of cells) await call('put', `/api/rounds/${roundId}/bids/${c.bidId}/consensus/${c.criterionId}`, { group: c.group, mark: 2, reason: 'Agreed in the meeting from the answer itself' }).expect(200);
      await call('post', `/api/rounds/${roundId}/events`, { type: 'CLOSE_MODERATION' }).expect(200);
      return ids;
    }

    beforeAll(async () => {
      t = await startTestApp();
      await activeAccount(t, { email: 'other.commissioner@example.org', displayName: 'Other commissioner', roles: ['commissioner'] });
      Object.assign(tokens, {
        lead: await t.tokenFor('commissioner@demo.test'), otherCommissioner: await t.tokenFor('other.commissioner@example.org', 'a long enough passphrase'),
        youngPartner: await t.tokenFor('yp1@demo.test'), professional: await t.tokenFor('clinician@demo.test'), conflicted: await t.tokenFor('yp2@demo.test'),
        otherPanellist: await t.tokenFor('safeguarding@demo.test'), auditor: await t.tokenFor('auditor@demo.test'), administrator: await t.tokenFor(ADMIN_EMAIL), anonymous: null,
      });
      const base = new Date();
      const yp3 = await userId(t, 'yp3@demo.test');
      const ypUser = await userId(t, 'yp1@demo.test');
      for (const stage of stages) rounds[stage] = { ...(await roundAt(stage, base)), yp3, ypUser, unknownMember: NOBODY, unknownBid: NOBODY, unknownClarification: NOBODY, unknownUpload: NOBODY, unknownUser: NOBODY, auditorInvite: `matrix.${stage}@example.org` };
      // Past every deadline but the tendering round's.
      t.clock.set(new Date(base.getTime() + 14 * DAY + 3600_000));
      for (const stage of stages) rounds[stage].q1 = (await t.http().get(`/api/rounds/${rounds[stage].id}`).set(bearer(tokens.lead!)).expect(200)).body.criteria[0].questions[0].id;
    }, 120_000);
    afterAll(() => t.close());

    const cases = stages.flatMap((stage) => ACCESS_TABLE.map((rule) => [stage, rule.route, rule] as const));

    it.each(cases)('in %s: %s', async (stage, _route, rule) => {
      const ids = rounds[stage];
      const [method, template] = rule.route.split(' ');
      const path = template.replace(/:(\w+)/g, (_, name: string) => ids[name]);
      const body = rule.send === 'definitionCriteria' ? { criteria: roundDefinition().criteria }
        : rule.send && JSON.parse(JSON.stringify(rule.send).replace(/":(\w+)"/g, (_, name: string) => JSON.stringify(ids[name])));
      const got = {} as Record<Caller, number>;
      const want = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        let request = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path).set('Content-Type', 'application/json');
        if (tokens[caller]) request = request.set(bearer(tokens[caller]!));
        const response = await (body ? request.send(body) : request);
        got[caller] = response.status;
        want[caller] = expected(rule, caller, stage);
        if (response.status === 404) expect(JSON.stringify(response.body)).not.toMatch(/Alpha|Beta|supplierName/);
      }
      expect(got).toEqual(want);
    });
  });
}
