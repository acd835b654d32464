import { readFileSync, writeFileSync } from 'node:fs';
import { signInPage } from './support/accounts.js';
import { errorCodes, errorCodeTable, README, srcTexts, statusesByCode, TABLE_END, TABLE_START } from './support/error-codes.js';
import { bearer, publishedRound, roundDefinition } from './support/rounds.js';
import { DEMO, startTestApp, TestApp } from './support/test-app.js';

const CODE = /^[a-z]+\.[a-z_]+$/;

describe('error codes: the list', () => {
  const entries = errorCodes();

  it('gives every code a stable module.snake_case form, once across all modules', () => {
    expect(entries.length).toBeGreaterThan(80);
    for (const e of entries) expect(e.code).toMatch(CODE);
    const seen = new Map<string, string>();
    for (const e of entries) {
      expect(`${e.code} in ${e.enumName}.${e.member}`).toBe(`${e.code} in ${seen.get(e.code) ?? `${e.enumName}.${e.member}`}`);
      seen.set(e.code, `${e.enumName}.${e.member}`);
    }
  });

  it('uses every code somewhere, and each with one status', () => {
    const texts = srcTexts().filter((f) => !f.file.endsWith('error-codes.ts')).map((f) => f.text).join('\n');
    for (const [code, statuses] of statusesByCode(entries)) {
      const entry = entries.find((e) => e.code === code)!;
      expect(`${entry.enumName}.${entry.member} used: ${texts.includes(`${entry.enumName}.${entry.member}`)}`).toBe(`${entry.enumName}.${entry.member} used: true`);
      expect(`${code}: ${[...statuses].join(', ')}`).toMatch(new RegExp(`^${code.replace('.', '\\.')}: [^,]+$`));
    }
  });

  it('documents every code in the README (the table is generated from the enums)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(0);
    const table = errorCodeTable();
    if (process.env.UPDATE_README) writeFileSync(README, readme.slice(0, start) + table + readme.slice(end + TABLE_END.length));
    else expect(readme.slice(start, end + TABLE_END.length)).toBe(table);
  });

  it('throws no error without a code, and no ad-hoc objects from the pages', () => {
    for (const { file, text } of srcTexts()) {
      for (const site of text.matchAll(/new (NotFound|Forbidden|NotYetVisible|Unauthenticated|Conflict|Gone|BusinessRule|Unavailable)Error\(\s*([^,)]*)/g)) {
        expect(`${file}: ${site[2]}`).toMatch(/: \w+ErrorCode\.\w+$/);
      }
      if (file.startsWith('src/web/')) expect(`${file}: ${/Object\.assign\(new Error/.test(text)}`).toBe(`${file}: false`);
    }
  });
});

describe('error codes: every error response carries one', () => {
  let t: TestApp;
  let lead: string;
  let panellist: string;
  let roundId: string;
  const documented = new Set(errorCodes().map((e) => e.code));
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_ADDRESS_RATE_LIMIT: '100' } });
    ({ roundId, lead } = await publishedRound(t));
    panellist = await t.tokenFor('yp1@demo.test');
  });
  afterAll(() => t.close());

  /** Each failing request, the status and the code it must answer with. */
  const samples: [string, () => Promise<{ status: number; body: Record<string, unknown> }>, number, string][] = [
    ['no credentials', () => t.http().get('/api/auth/me'), 401, 'auth.sign_in_required'],
    ['a token that is not valid', () => t.http().get('/api/auth/me').set(bearer('not-a-token')), 401, 'auth.session_expired'],
    ['a wrong password', () => t.http().post('/api/auth/login').send({ email: 'nobody@demo.test', password: 'not the password' }), 401, 'auth.wrong_credentials'],
    ['a body failing validation', () => t.http().post('/api/users').set(bearer(lead)).send({ email: 'nope' }), 400, 'request.invalid'],
    ['a body that is not JSON', () => t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": '), 400, 'request.not_json'],
    ['a form-encoded body on the API', () => t.http().post('/api/users').set(bearer(lead)).type('form').send({ email: 'a@b.org' }), 415, 'request.unsupported_media_type'],
    ['a body over 1 MB', () => t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(1_100_000) })), 413, 'request.too_large'],
    ['an unknown route', () => t.http().get('/api/nothing-here').set(bearer(lead)), 404, 'request.route_not_found'],
    ['a round that does not exist', () => t.http().get('/api/rounds/00000000-0000-4000-8000-000000000000').set(bearer(lead)), 404, 'access.round_not_found'],
    ['a role the account does not hold', () => t.http().post('/api/users').set(bearer(panellist)).send({ email: 'x@example.org', displayName: 'X', roles: ['panellist'] }), 403, 'auth.role_required'],
    ['a lead-only command from a panellist', () => t.http().post(`/api/rounds/${roundId}/events`).set(bearer(panellist)).send({ type: 'TENDER_DEADLINE_PASSED' }), 403, 'access.lead_only'],
    ['an event the workflow does not allow now', () => t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }), 409, 'round.transition_not_allowed'],
    ['a reference already used', () => t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'DUPLICATE-1' })).then(() => t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'DUPLICATE-1' }))), 409, 'round.reference_taken'],
    ['weights that do not add up', () => t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ criteria: roundDefinition().criteria.map((c, i) => (i === 0 ? { ...c, weight: 55 } : c)) })), 422, 'round.definition_breaks_rules'],
    ['a bid with no price where price is scored', () => t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'No Price Ltd', responses: { Q1: 'An answer' } }), 422, 'bids.price_invalid'],
    ['sealed bids before the deadline', () => t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(panellist)), 404, 'bids.sealed'],
    ['an invitation link that is not valid', () => t.http().post('/api/auth/invitations/not-a-real-token').send({ password: 'a long enough passphrase' }), 404, 'users.invitation_not_found'],
  ];

  it.each(samples)('%s: a documented code', async (_what, request, status, code) => {
    const response = await request();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(documented.has(code)).toBe(true);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  });

  it('a cookie-authenticated API change without its CSRF token', async () => {
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const forged = await t.http().post('/api/rounds').set('Cookie', page.cookieHeader()).send(roundDefinition()).expect(403);
    expect(forged.body.code).toBe('request.csrf_token_missing');
    expect(documented.has(forged.body.code)).toBe(true);
  });

  it('too many sign-in attempts: 429 with Retry-After and a code', async () => {
    let last = await t.http().post('/api/auth/login').send({ email: 'yp2@demo.test', password: 'wrong wrong wrong' });
    for (let i = 0; i < 5 && last.status !== 429; i++) last = await t.http().post('/api/auth/login').send({ email: 'yp2@demo.test', password: 'wrong wrong wrong' });
    expect(last.status).toBe(429);
    expect(last.headers['retry-after']).toMatch(/^\d+$/);
    expect(last.body.code).toBe('auth.too_many_attempts');
  });
});
