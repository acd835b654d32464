import { activeAccount } from './support/accounts.js';
import { bearer, roundInScoring } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

type Who = 'lead' | 'youngPartner' | 'professional' | 'auditor' | 'otherCommissioner' | 'otherPanellist';
const WHO: Who[] = ['lead', 'youngPartner', 'professional', 'auditor', 'otherCommissioner', 'otherPanellist'];

/**
 * The access table of design.md, route by route, for a round in moderation whose young partner (YP1)
 * declared an interest in bid A. Each cell is the status the caller must get: what the table allows
 * and no more; a caller who may not know the round exists gets 404.
 */
const MATRIX: { route: string; send?: object; expect: Record<Who, number> }[] = [
  { route: 'GET /api/rounds/:id', expect: { lead: 200, youngPartner: 200, professional: 200, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/history', expect: { lead: 200, youngPartner: 200, professional: 200, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/workflow', expect: { lead: 200, youngPartner: 200, professional: 200, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'POST /api/rounds/:id/events', send: { type: 'PUBLISH' }, expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'PUT /api/rounds/:id/criteria', send: { criteria: [] }, expect: { lead: 400, youngPartner: 400, professional: 400, auditor: 400, otherCommissioner: 400, otherPanellist: 400 } },
  { route: 'POST /api/rounds/:id/panel', send: { userId: '00000000-0000-4000-8000-000000000000', group: 'professional' }, expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'POST /api/rounds/:id/conflicts-assessment', send: { summary: 'A summary that is long enough to pass.' }, expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'POST /api/rounds/:id/conflicts', send: {}, expect: { lead: 403, youngPartner: 409, professional: 409, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/conflicts', expect: { lead: 200, youngPartner: 200, professional: 200, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'POST /api/rounds/:id/bids', send: { supplierName: 'X', price: '1', responses: {} }, expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/bids', expect: { lead: 200, youngPartner: 200, professional: 200, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/bids/:bidA', expect: { lead: 200, youngPartner: 404, professional: 200, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'PUT /api/rounds/:id/bids/:bidA/compliance', send: { decision: 'compliant' }, expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/my-scoring', expect: { lead: 403, youngPartner: 200, professional: 200, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'PUT /api/rounds/:id/bids/:bidB/scores/:q1', send: { mark: 2, justification: 'A justification long enough' }, expect: { lead: 403, youngPartner: 409, professional: 409, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'POST /api/rounds/:id/my-scoring/submit', expect: { lead: 403, youngPartner: 409, professional: 409, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/scoring-progress', expect: { lead: 200, youngPartner: 403, professional: 403, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/moderation', expect: { lead: 200, youngPartner: 403, professional: 403, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'PUT /api/rounds/:id/bids/:bidB/consensus/:q1', send: { group: 'professional', mark: 9 }, expect: { lead: 400, youngPartner: 400, professional: 400, auditor: 400, otherCommissioner: 400, otherPanellist: 400 } },
  { route: 'PUT /api/rounds/:id/bids/:bidB/consensus/:q1', send: { group: 'professional', mark: 2, reason: 'Agreed after discussion of the evidence' }, expect: { lead: 200, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/results', expect: { lead: 200, youngPartner: 403, professional: 403, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'POST /api/rounds/:id/award-decision', send: { bidId: '00000000-0000-4000-8000-000000000000' }, expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/bids/:bidA/assessment-summary', expect: { lead: 409, youngPartner: 403, professional: 403, auditor: 409, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/audit', expect: { lead: 200, youngPartner: 403, professional: 403, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/rounds/:id/audit/verify', expect: { lead: 200, youngPartner: 403, professional: 403, auditor: 200, otherCommissioner: 404, otherPanellist: 404 } },
  { route: 'GET /api/audit', expect: { lead: 403, youngPartner: 403, professional: 403, auditor: 200, otherCommissioner: 403, otherPanellist: 403 } },
  { route: 'POST /api/users', send: { email: 'matrix@example.org', displayName: 'M', roles: ['panellist'] }, expect: { lead: 201, youngPartner: 403, professional: 403, auditor: 403, otherCommissioner: 409, otherPanellist: 403 } },
];

describe('access matrix: every route, every kind of caller', () => {
  let t: TestApp;
  const tokens = {} as Record<Who, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const round = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '120' }]);
    ids.id = round.roundId;
    [ids.bidA, ids.bidB] = round.bidIds;
    const { lead } = round;
    // YP1 declares an interest in bid A after the fact: recused from it from now on.
    await t.http().post(`/api/rounds/${ids.id}/conflicts`).set(bearer(round.tokens['yp1@demo.test'])).send({ bidId: ids.bidA, interest: 'My sister volunteers there' }).expect(200);
    ids.q1 = (await t.http().get(`/api/rounds/${ids.id}/my-scoring`).set(bearer(round.tokens['clinician@demo.test'])).expect(200)).body.bids[0].questions[0].criterionId;
    await t.http().post(`/api/rounds/${ids.id}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING', reason: 'Access test: closing without scores' }).expect(200);
    // Only an administrator creates a commissioner account.
    tokens.otherCommissioner = await activeAccount(t, { email: 'other.commissioner@example.org', displayName: 'otherCommissioner', roles: ['commissioner'] });
    const invited = await t.http().post('/api/users').set(bearer(lead)).send({ email: 'other.panellist@example.org', displayName: 'otherPanellist', roles: ['panellist'] }).expect(201);
    tokens.otherPanellist = (await t.http().post(`/api/auth/invitations/${invited.body.invitation.token}`).send({ password: 'a long enough passphrase' }).expect(200)).body.accessToken;
    Object.assign(tokens, { lead, youngPartner: round.tokens['yp1@demo.test'], professional: round.tokens['clinician@demo.test'], auditor: await t.tokenFor('auditor@demo.test') });
  });
  afterAll(() => t.close());

  const cases = MATRIX.flatMap(({ route, send, expect: statuses }) => WHO.map((who) => [route, who, statuses[who], send] as const));

  it.each(cases)('%s as %s -> %i', async (route, who, status, send) => {
    const [method, template] = route.split(' ');
    const path = template.replace(/:(\w+)/g, (_, name: string) => ids[name]);
    const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'put'](path).set(bearer(tokens[who]));
    const response = await (send ? request.send(send) : request);
    expect({ status: response.status, body: response.status >= 400 ? response.body.message : undefined }).toEqual({ status, body: status >= 400 ? expect.any(String) : undefined });
    if (status === 404) expect(JSON.stringify(response.body)).not.toMatch(/Alpha|Beta|supplierName/);
  });
});
