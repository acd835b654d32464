import { DEMO, startTestApp, TestApp } from './support/test-app.js';

describe('sign-in, roles and invitations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TOKEN_TTL_MINUTES: '60', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' } });
  });
  afterAll(() => t.close());

  it('signs in a demo user and returns a bearer token that identifies them', async () => {
    const login = await t.http().post('/api/auth/login').send({ email: 'YP1@demo.test ', password: DEMO.demoPassword }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, user: { email: 'yp1@demo.test', displayName: 'Jordan', roles: ['panellist'] } });
    expect(login.body.user).not.toHaveProperty('passwordHash');
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toEqual(login.body.user);
  });

  it('gives a wrong password and an unknown email the same answer, and records both', async () => {
    const wrongPassword = await t.http().post('/api/auth/login').send({ email: 'yp1@demo.test', password: 'not-the-password' }).expect(401);
    const unknownEmail = await t.http().post('/api/auth/login').send({ email: 'nobody@demo.test', password: 'not-the-password' }).expect(401);
    const { requestId: _a, ...first } = wrongPassword.body;
    const { requestId: _b, ...second } = unknownEmail.body;
    expect(first).toEqual(second);
    expect(first.message).toBe('The email or password is not right');

    const token = await t.tokenFor('auditor@demo.test');
    const audit = await t.http().get('/api/audit').set('Authorization', `Bearer ${token}`).expect(200);
    const failed = audit.body.filter((e: { type: string }) => e.type === 'auth.sign_in_failed').map((e: { payload: { email: string } }) => e.payload.email);
    expect(failed).toEqual(expect.arrayContaining(['yp1@demo.test', 'nobody@demo.test']));
    expect(audit.body.some((e: { type: string }) => e.type === 'auth.signed_in')).toBe(true);
  });

  it('needs a token on every private route (401) and the right role (403)', async () => {
    const missing = await t.http().get('/api/auth/me').expect(401);
    expect(missing.body.message).toMatch(/Sign in first/);
    await t.http().get('/api/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
    await t.http().get('/api/audit').expect(401);

    const panellist = await t.tokenFor('clinician@demo.test');
    const forbidden = await t.http().post('/api/users').set('Authorization', `Bearer ${panellist}`).send({ email: 'x@demo.test', displayName: 'X', roles: ['panellist'] }).expect(403);
    expect(forbidden.body.message).toBe('This needs the administrator or commissioner role');
    await t.http().get('/api/audit').set('Authorization', `Bearer ${panellist}`).expect(403);
  });

  it('refuses a token signed with another secret', async () => {
    const other = await startTestApp({ env: { AUTH_SECRET: 'a-completely-different-secret-of-enough-length' } });
    try {
      const foreignToken = await other.tokenFor('commissioner@demo.test');
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${foreignToken}`).expect(401);
    } finally {
      await other.close();
    }
  });

  it('lets a commissioner invite a user who sets a password once through the link', async () => {
    const commissioner = await t.tokenFor('commissioner@demo.test');
    const invited = await t.http().post('/api/users').set('Authorization', `Bearer ${commissioner}`)
      .send({ email: 'New.Partner@Example.org', displayName: 'Sam', roles: ['panellist'] }).expect(201);
    expect(invited.body.user).toMatchObject({ email: 'new.partner@example.org', displayName: 'Sam', roles: ['panellist'], active: false });
    const token: string = invited.body.invitation.token;
    expect(invited.body.invitation.url).toBe(`${t.config.publicUrl}/invitations/${token}`);
    expect(new Date(invited.body.invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    // Not usable before the password is set.
    await t.http().post('/api/auth/login').send({ email: 'new.partner@example.org', password: 'whatever-password' }).expect(401);

    const short = await t.http().post(`/api/auth/invitations/${token}`).send({ password: 'short' }).expect(400);
    expect(short.body.errors).toEqual([{ field: 'password', messages: ['password must be at least 12 characters'] }]);

    const accepted = await t.http().post(`/api/auth/invitations/${token}`).send({ password: 'a sentence I can remember' }).expect(200);
    expect(accepted.body.user).toMatchObject({ email: 'new.partner@example.org', active: true });
    await t.http().get('/api/auth/me').set('Authorization', `Bearer ${accepted.body.accessToken}`).expect(200);
    await t.tokenFor('new.partner@example.org', 'a sentence I can remember');

    const reused = await t.http().post(`/api/auth/invitations/${token}`).send({ password: 'another sentence to try' }).expect(410);
    expect(reused.body.message).toMatch(/already been used/);
    // The first password still works: the reuse changed nothing.
    await t.tokenFor('new.partner@example.org', 'a sentence I can remember');

    await t.http().post('/api/auth/invitations/not-a-real-token').send({ password: 'a sentence I can remember' }).expect(404);
    const duplicate = await t.http().post('/api/users').set('Authorization', `Bearer ${commissioner}`)
      .send({ email: 'new.partner@example.org', displayName: 'Sam again', roles: ['panellist'] }).expect(409);
    expect(duplicate.body.message).toMatch(/already exists/);
  });

  it('refuses an invitation link after seven days', async () => {
    const admin = await t.tokenFor('admin@demo.test');
    const invited = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`)
      .send({ email: 'late@example.org', displayName: 'Late', roles: ['auditor'] }).expect(201);
    t.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      const expired = await t.http().post(`/api/auth/invitations/${invited.body.invitation.token}`).send({ password: 'a sentence I can remember' }).expect(410);
      expect(expired.body.message).toMatch(/expired on/);
    } finally {
      t.clock.advance(-(7 * 24 * 3600 * 1000 + 1000));
    }
  });

  it('accepts one of two simultaneous uses of the same link', async () => {
    const commissioner = await t.tokenFor('commissioner@demo.test');
    const invited = await t.http().post('/api/users').set('Authorization', `Bearer ${commissioner}`)
      .send({ email: 'twice@example.org', displayName: 'Twice', roles: ['panellist'] }).expect(201);
    const url = `/api/auth/invitations/${invited.body.invitation.token}`;
    const results = await Promise.all([
      t.http().post(url).send({ password: 'first sentence here' }),
      t.http().post(url).send({ password: 'second sentence here' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '5' } });
  });
  afterAll(() => t.close());

  it('allows 5 attempts a minute for one email from one address, then answers 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await t.http().post('/api/auth/login').send({ email: 'yp2@demo.test', password: `guess-${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await t.http().post('/api/auth/login').send({ email: 'yp2@demo.test', password: DEMO.demoPassword }).expect(429);
    expect(limited.body.message).toBe('Too many sign-in attempts; wait a minute and try again');
    // Someone else signing in from the same address is not locked out.
    await t.http().post('/api/auth/login').send({ email: 'yp3@demo.test', password: DEMO.demoPassword }).expect(200);
  });
});
