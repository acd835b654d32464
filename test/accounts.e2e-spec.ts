import type { Role } from '../src/users/role.js';
import { UsersService } from '../src/accounts/users.service.js';
import { activeAccount, ADMIN_EMAIL, inviteAsAdmin, refreshCsrf, signInPage } from './support/accounts.js';
import { bearer, roundDefinition, userId } from './support/rounds.js';
import { DEMO, startTestApp, TestApp } from './support/test-app.js';

const MINUTE = 60_000;

describe('least privilege: who may create accounts and grant roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each<Role[]>([['auditor'], ['commissioner'], ['administrator'], ['panellist', 'auditor']])('refuses a commissioner creating an account with %s', async (...roles) => {
    const commissioner = await t.tokenFor('commissioner@demo.test');
    const email = `escalate-${roles.join('-')}@example.org`;
    const refused = await t.http().post('/api/users').set(bearer(commissioner)).send({ email, displayName: 'Mallory', roles }).expect(403);
    expect(refused.body.message).toBe('A commissioner can invite panellists only; an administrator creates commissioner, auditor and administrator accounts');
    // Nothing was created: the administrator can still create the same email.
    await inviteAsAdmin(t, { email, displayName: 'Real person', roles });
  });

  it('makes the first administrator from the command line (npm run admin:create): a one-time link, then full account powers', async () => {
    const created = await t.app.get(UsersService).createAdministrator('root@example.org', 'Root');
    expect(created.user).toMatchObject({ email: 'root@example.org', roles: ['administrator'], active: false });
    const root = (await t.http().post(`/api/auth/invitations/${created.invitation.token}`).send({ password: 'the root passphrase' }).expect(200)).body.accessToken;
    await t.http().post('/api/users').set(bearer(root)).send({ email: 'new.auditor@example.org', displayName: 'A', roles: ['auditor'] }).expect(201);
    await t.http().get('/api/rounds').set(bearer(root)).expect(200).expect([]); // the role sees no round
  });

  it('lets a commissioner invite a panellist, and only an administrator change roles, list or disable accounts', async () => {
    const commissioner = await t.tokenFor('commissioner@demo.test');
    const invited = (await t.http().post('/api/users').set(bearer(commissioner)).send({ email: 'panel.only@example.org', displayName: 'P', roles: ['panellist'] }).expect(201)).body;
    const id = invited.user.id;
    for (const [method, path, body] of [['put', `/api/users/${id}/roles`, { roles: ['auditor'] }], ['post', `/api/users/${id}/disable`, {}], ['get', '/api/users', undefined]] as const) {
      for (const who of ['commissioner@demo.test', 'auditor@demo.test', 'yp1@demo.test']) {
        const response = await t.http()[method](path).set(bearer(await t.tokenFor(who))).send(body);
        expect({ who, path, status: response.status }).toEqual({ who, path, status: 403 });
      }
    }
    const admin = await t.tokenFor(ADMIN_EMAIL);
    expect((await t.http().get('/api/users').set(bearer(admin)).expect(200)).body.map((u: { email: string }) => u.email)).toContain('panel.only@example.org');
  });

  it('applies a role change on the next request, ends that account\'s sessions, and audits it', async () => {
    const admin = await t.tokenFor(ADMIN_EMAIL);
    const token = await activeAccount(t, { email: 'co.lead@example.org', displayName: 'Co-lead', roles: ['panellist'] });
    const id = (await t.http().get('/api/auth/me').set(bearer(token)).expect(200)).body.id;
    await t.http().post('/api/rounds').set(bearer(token)).send(roundDefinition()).expect(403);

    const changed = await t.http().put(`/api/users/${id}/roles`).set(bearer(admin)).send({ roles: ['commissioner'] }).expect(200);
    expect(changed.body.roles).toEqual(['commissioner']);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(401); // the old session ended with the change
    const fresh = await t.tokenFor('co.lead@example.org', 'a long enough passphrase');
    await t.http().post('/api/rounds').set(bearer(fresh)).send(roundDefinition()).expect(201);

    const audit = (await t.http().get('/api/audit').set(bearer(await t.tokenFor('auditor@demo.test'))).expect(200)).body;
    expect(audit.find((e: { type: string }) => e.type === 'user.roles_changed')).toMatchObject({ payload: { userId: id, from: ['panellist'], to: ['commissioner'], sessionsEnded: 1 } });
    // An administrator cannot lock themselves out.
    const adminId = await userId(t, ADMIN_EMAIL);
    await t.http().put(`/api/users/${adminId}/roles`).set(bearer(admin)).send({ roles: ['auditor'] }).expect(409);
    await t.http().post(`/api/users/${adminId}/disable`).set(bearer(admin)).expect(409);
  });

  it('ends every session of a disabled account at once and refuses its sign-in; re-enabling lets it sign in again', async () => {
    const admin = await t.tokenFor(ADMIN_EMAIL);
    const token = await activeAccount(t, { email: 'leaver@example.org', displayName: 'Leaver', roles: ['panellist'] });
    const page = await signInPage(t, 'leaver@example.org', 'a long enough passphrase');
    const id = (await t.http().get('/api/auth/me').set(bearer(token)).expect(200)).body.id;
    const disabled = await t.http().post(`/api/users/${id}/disable`).set(bearer(admin)).expect(200);
    expect(disabled.body.active).toBe(false);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(401);
    await t.http().get('/api/auth/me').set('Cookie', page.cookieHeader()).expect(401);
    await t.http().post('/api/auth/login').send({ email: 'leaver@example.org', password: 'a long enough passphrase' }).expect(401);
    await t.http().post(`/api/users/${id}/enable`).set(bearer(admin)).expect(200);
    await t.tokenFor('leaver@example.org', 'a long enough passphrase');
    const types = (await t.http().get('/api/audit').set(bearer(await t.tokenFor('auditor@demo.test'))).expect(200)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });
});

describe('sessions that end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TOKEN_TTL_MINUTES: '60', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' } });
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(new Date()));

  it('refuses the session cookie replayed after sign-out', async () => {
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const stolen = page.cookieHeader();
    await t.http().get('/api/auth/me').set('Cookie', stolen).expect(200);
    await t.http().post('/sign-out').type('form').set('Cookie', stolen).send({ _csrf: page.csrfToken }).expect(303);
    await t.http().get('/api/auth/me').set('Cookie', stolen).expect(401);
    const redirected = await t.http().get('/').set('Cookie', stolen).expect(303);
    expect(redirected.headers.location).toMatch(/^\/sign-in/);
  });

  it('refuses a bearer token after POST /api/auth/logout', async () => {
    const token = await t.tokenFor('auditor@demo.test');
    await t.http().post('/api/auth/logout').set(bearer(token)).expect(204);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(401);
  });

  it('ends a browser session after 30 minutes without a request, and keeps an active one going', async () => {
    const page = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(25 * MINUTE);
      await t.http().get('/api/auth/me').set('Cookie', page.cookieHeader()).expect(200);
    }
    t.clock.advance(31 * MINUTE);
    await t.http().get('/api/auth/me').set('Cookie', page.cookieHeader()).expect(401);
  });

  it('ends a browser session 12 hours after sign-in however active it is (no sliding renewal)', async () => {
    const page = await signInPage(t, 'yp2@demo.test', DEMO.demoPassword);
    for (let i = 0; i < 35; i++) { // a request every 20 minutes, up to 11 h 40 min after sign-in
      t.clock.advance(20 * MINUTE);
      const response = await t.http().get('/api/auth/me').set('Cookie', page.cookieHeader()).expect(200);
      expect([response.headers['set-cookie'] ?? []].flat().some((c: string) => c.startsWith('session='))).toBe(false);
    }
    t.clock.advance(30 * MINUTE); // 12 h 10 min after sign-in
    await t.http().get('/api/auth/me').set('Cookie', page.cookieHeader()).expect(401);
  });

  it('ends a bearer token after its hour, following the injectable clock', async () => {
    const token = await t.tokenFor('yp3@demo.test');
    t.clock.advance(20 * MINUTE);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(200);
    t.clock.advance(20 * MINUTE);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(200);
    t.clock.advance(21 * MINUTE);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(401);
  });

  it('accepts a bearer token only as a bearer token and a cookie session only as a cookie', async () => {
    const token = await t.tokenFor('clinician@demo.test');
    await t.http().get('/api/auth/me').set('Cookie', `session=${token}`).expect(401);
    const page = await signInPage(t, 'clinician@demo.test', DEMO.demoPassword);
    await t.http().get('/api/auth/me').set(bearer(page.cookies.session)).expect(401);
  });

  it('signs out everywhere: every browser and every API token of that person', async () => {
    const first = await signInPage(t, 'finance@demo.test', DEMO.demoPassword);
    const second = await signInPage(t, 'finance@demo.test', DEMO.demoPassword);
    const token = await t.tokenFor('finance@demo.test');
    const ended = await t.http().post('/sign-out-everywhere').type('form').set('Cookie', first.cookieHeader()).send({ _csrf: first.csrfToken }).expect(303);
    expect(ended.headers.location).toBe('/sign-in?signedOut=1');
    for (const cookie of [first.cookieHeader(), second.cookieHeader()]) await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(401);
    const again = await t.tokenFor('finance@demo.test');
    expect((await t.http().post('/api/auth/logout-everywhere').set(bearer(again)).expect(200)).body).toEqual({ sessionsEnded: 1 });
    await t.http().get('/api/auth/me').set(bearer(again)).expect(401);
  });
});

describe('CSRF: a session cookie always needs the token, whatever else the request carries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([['Basic eDp4'], ['Bearer'], ['Bearer '], ['Token abc'], ['']])('refuses a cookie-authenticated API change with "Authorization: %s" and no token', async (authorization) => {
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const before = (await t.http().get('/api/rounds').set('Cookie', page.cookieHeader()).expect(200)).body.length;
    const forged = await t.http().post('/api/rounds').set('Cookie', page.cookieHeader()).set('Authorization', authorization).send(roundDefinition()).expect(403);
    expect(forged.body.message).toContain('x-csrf-token');
    await t.http().post('/api/users').set('Cookie', page.cookieHeader()).set('Authorization', authorization).send({ email: `forged${authorization.length}@example.org`, displayName: 'F', roles: ['panellist'] }).expect(403);
    expect((await t.http().get('/api/rounds').set('Cookie', page.cookieHeader()).expect(200)).body).toHaveLength(before);
  });

  it('accepts the same change with the token, and a valid bearer token without one (the cookie is then ignored)', async () => {
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    await refreshCsrf(t, page);
    await t.http().post('/api/rounds').set('Cookie', page.cookieHeader()).set('x-csrf-token', page.csrfToken).send(roundDefinition()).expect(201);
    const token = await t.tokenFor('commissioner@demo.test');
    await t.http().post('/api/rounds').set('Cookie', page.cookieHeader()).set(bearer(token)).send(roundDefinition()).expect(201);
    // An invalid bearer token never falls back to the cookie.
    await t.http().post('/api/rounds').set('Cookie', page.cookieHeader()).set('Authorization', 'Bearer forged').send(roundDefinition()).expect(401);
  });
});
