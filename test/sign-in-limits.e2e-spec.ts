import { DEMO, startTestApp, TestApp } from './support/test-app.js';

const LIMITS = { LOGIN_RATE_LIMIT: '5', LOGIN_ADDRESS_RATE_LIMIT: '10' };
const MINUTE = 60_000;

describe('sign-in limits: per account from any address, per address across accounts, shared by every instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: LIMITS });
  });
  afterAll(() => t.close());
  // Each test starts in a fresh one-minute window (account blocks stay, so each test uses its own accounts).
  beforeEach(() => t.clock.advance(2 * 60 * MINUTE));

  const attempt = (email: string, forwardedFor?: string, password = 'a wrong guess') => {
    const request = t.http().post('/api/auth/login');
    if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
    return request.send({ email, password }).then((r) => r.status);
  };

  it('ignores X-Forwarded-For by default: rotating it gets 5 of 40 guesses at one account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push(await attempt('yp1@demo.test', `203.0.113.${i}`));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
  });

  it('limits password spraying: 40 accounts from one address get 10 guesses, whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push(await attempt(`sprayed${i}@demo.test`, `198.51.100.${i}`));
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(30).fill(429)]);
    const limited = await t.http().post('/api/auth/login').send({ email: 'yp2@demo.test', password: DEMO.demoPassword }).expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('makes an account wait longer after each failure past the allowance, and a success resets it', async () => {
    const email = 'yp3@demo.test';
    for (let i = 0; i < 5; i++) expect(await attempt(email)).toBe(401);
    expect(await attempt(email, undefined, DEMO.demoPassword)).toBe(429); // blocked for 1 minute, even with the right password
    t.clock.advance(MINUTE + 1000);
    expect(await attempt(email)).toBe(401); // the 6th failure: now 2 minutes
    t.clock.advance(MINUTE + 1000);
    expect(await attempt(email, undefined, DEMO.demoPassword)).toBe(429);
    t.clock.advance(MINUTE);
    expect(await attempt(email, undefined, DEMO.demoPassword)).toBe(200);
    expect(await attempt(email)).toBe(401); // counting starts again from zero
  });

  it('shares the counts between two instances on one database', async () => {
    const second = await startTestApp({ db: t.db, seed: false, env: LIMITS });
    try {
      second.clock.set(t.clock.now());
      const email = 'clinician@demo.test';
      for (let i = 0; i < 3; i++) expect(await attempt(email)).toBe(401);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await second.http().post('/api/auth/login').send({ email, password: 'a wrong guess' })).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await second.close({ dropDatabase: false });
    }
  });

  it('believes X-Forwarded-For only when TRUST_PROXY says a proxy is in front', async () => {
    const proxied = await startTestApp({ env: { ...LIMITS, TRUST_PROXY: 'loopback' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await proxied.http().post('/api/auth/login').set('X-Forwarded-For', `192.0.2.${i}`).send({ email: `user${i}@demo.test`, password: 'a wrong guess' })).status);
      expect(statuses.every((s) => s === 401)).toBe(true); // twenty different callers as the proxy reports them
    } finally {
      await proxied.close();
    }
  });

  it('throttles invitation acceptance per address, looking the link up before any password hashing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.http().post(`/api/auth/invitations/guess-${i}`).send({ password: 'a long enough passphrase' })).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429, 429]);
  });
});
