import { refreshCsrf, signInPage } from './support/accounts.js';
import { bearer, publishedRound, roundDefinition } from './support/rounds.js';
import { DEMO, startTestApp, TestApp } from './support/test-app.js';

/**
 * Each input that used to answer 500 (or was quietly accepted) now gets a clear 4xx naming the field,
 * and changes nothing: the audit chain and the row counts are the same afterwards.
 */
describe('hostile input: a clear 4xx, never a 500, nothing changed', () => {
  let t: TestApp;
  let lead: string;
  let admin: string;
  let roundId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ({ roundId, lead } = await publishedRound(t));
    admin = await t.tokenFor('admin@demo.test');
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.db.sql(`SELECT COUNT(*) AS n FROM ${table}`) as { n: number | string }[])[0].n);
  const state = async () => ({ events: await count('audit_events'), users: await count('users'), bids: await count('bids'), rounds: await count('rounds') });
  let before: Awaited<ReturnType<typeof state>>;
  beforeEach(async () => {
    before = await state();
  });
  afterEach(async () => {
    expect(await state()).toEqual(before);
  });

  const raw = (path: string, body: string, token?: string) => {
    const request = t.http().post(path).set('Content-Type', 'application/json');
    if (token) request.set(bearer(token));
    return request.send(body);
  };
  const fields = (response: { body: { errors?: { field: string }[] } }) => (response.body.errors ?? []).map((e) => e.field);

  it('refuses deeply nested JSON, even on the public sign-in route', async () => {
    const deep = `{"email":"a@b.org","password":"x","n":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await raw('/api/auth/login', deep).expect(400);
    expect(response.body.errors[0].messages[0]).toBe('is nested more than 32 levels deep');
    const deepObject = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    await raw('/api/rounds', deepObject, lead).expect(400);
  });

  it('refuses a 50-deep array in criteria and in questions, naming the field', async () => {
    const nested = (depth: number): unknown => (depth === 0 ? [] : [nested(depth - 1)]);
    const criteria = await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ criteria: nested(50) })).expect(400);
    expect(fields(criteria)[0]).toMatch(/^criteria/);
    const shallow = await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ criteria: nested(5) })).expect(400);
    expect(fields(shallow)[0]).toMatch(/^criteria/);
    const definition = roundDefinition();
    (definition.criteria[0] as { questions: unknown }).questions = nested(50);
    await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(400);
  });

  it.each([
    ['a lone surrogate in an email', '/api/auth/login', '{"email":"yp1\\ud800@demo.test","password":"x"}', 'email'],
    ['a NUL byte in an email', '/api/auth/login', '{"email":"yp1\\u0000@demo.test","password":"x"}', 'email'],
    ['a lone low surrogate in a password', '/api/auth/login', '{"email":"yp1@demo.test","password":"ab\\udc00"}', 'password'],
  ])('refuses %s on the sign-in route (400 naming the field)', async (_, path, body, field) => {
    const response = await raw(path, body).expect(400);
    expect(fields(response)).toEqual([field]);
  });

  it('refuses a NUL byte or lone surrogate in any free text, query or path', async () => {
    const user = await raw('/api/users', '{"email":"nul@example.org","displayName":"Sam\\u0000","roles":["panellist"]}', admin).expect(400);
    expect(user.body.errors).toEqual([{ field: 'displayName', messages: ['displayName must not contain a NUL character (\\u0000)'] }]);
    const round = roundDefinition({ description: 'Broken \ud800 text' });
    expect(fields(await t.http().post('/api/rounds').set(bearer(lead)).send(round).expect(400))).toEqual(['description']);
    const reason = await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CANCEL', reason: 'Budget \u0000 withdrawn' }).expect(400);
    expect(fields(reason)).toEqual(['reason']);
    expect(fields(await t.http().get('/api/rounds/%00').set(bearer(lead)).expect(400))).toEqual(['path']);
    expect(fields(await t.http().get('/api/rounds?state=%00').set(bearer(lead)).expect(400))).toEqual(['query.state']);
  });

  it('refuses a group weight that is not a number, naming it', async () => {
    const definition = roundDefinition();
    (definition.criteria[0].questions[0] as { groupWeights: unknown }).groupWeights = { professional: 'fifty', youngPartner: 50 };
    const response = await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(400);
    expect(fields(response)).toEqual(['criteria[0].questions[0].groupWeights.professional']);
    (definition.criteria[0].questions[0] as { groupWeights: unknown }).groupWeights = { professional: 50, panel: 50 };
    expect(fields(await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(400))).toEqual(['criteria[0].questions[0].groupWeights.panel']);
  });

  it('refuses __proto__ and constructor keys, in bid responses and at the top level', async () => {
    const proto = await raw(`/api/rounds/${roundId}/bids`, '{"supplierName":"Proto Ltd","price":"10","responses":{"Q1":"An answer","__proto__":{"x":"y"}}}', lead).expect(400);
    expect(fields(proto)).toEqual(['responses.__proto__']);
    const ctor = await raw(`/api/rounds/${roundId}/bids`, '{"supplierName":"Proto Ltd","price":"10","responses":{"Q1":"An answer","constructor":"x"}}', lead).expect(400);
    expect(fields(ctor)).toEqual(['responses.constructor']);
    expect(fields(await raw('/api/auth/login', '{"__proto__":{"admin":true},"email":"a@b.org","password":"x"}').expect(400))).toEqual(['__proto__']);
  });

  it('refuses a bid received before the round was published (1970), and an unparseable date on the bid form', async () => {
    const old = await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Old Ltd', price: '10', responses: { Q1: 'An answer' }, receivedAt: '1970-01-01T00:00:00Z' }).expect(422);
    expect(old.body.message).toMatch(/^A bid cannot be received before the round was published/);
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    await refreshCsrf(t, page);
    before = await state(); // signing in is recorded; the refused form must add nothing
    const form = await t.http().post(`/rounds/${roundId}/bids`).type('form').set('Cookie', page.cookieHeader())
      .send({ _csrf: page.csrfToken, supplierName: 'Form Ltd', price: '10', 'responses[Q1]': 'An answer', receivedAt: 'next tuesday-ish' });
    expect(form.status).toBe(400);
    expect(form.text).toContain('Received at');
  });

  it('answers a form-encoded body on the API with 415, and a body over 1 MB with 413', async () => {
    const form = await t.http().post('/api/users').set(bearer(admin)).type('form').send({ email: 'form@example.org', displayName: 'F', roles: 'panellist' }).expect(415);
    expect(form.body.message).toBe('The API accepts JSON only: send the body with Content-Type: application/json');
    const text = await t.http().post('/api/users').set(bearer(admin)).set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(text.body.statusCode).toBe(415);
    const big = await raw('/api/auth/login', JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(1_100_000) })).expect(413);
    expect(big.body.message).toBe('The request body is larger than 1mb');
    const broken = await raw('/api/auth/login', '{"email": ').expect(400);
    expect(broken.body.message).toBe('The request body is not valid JSON: the problem is at line 1, column 11');
  });
});
