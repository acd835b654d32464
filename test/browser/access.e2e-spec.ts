import { jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { bearer, publishedRound, roundInScoring } from '../support/rounds.js';
import { DESKTOP, expectAccessible, newContext, PHONE, screenshot, signIn, startBrowserTest, type BrowserTest } from './browser.js';

jest.setTimeout(180_000);

describe('sessions, access and CSRF in the browser', () => {
  let bt: BrowserTest;
  let round: Awaited<ReturnType<typeof roundInScoring>>;
  let otherRound: string;
  beforeAll(async () => {
    bt = await startBrowserTest();
    // A round whose panel is YP1, YP2 and P1 only: Kai (yp3) is not on it. (Before the next one moves the clock.)
    otherRound = (await publishedRound(bt.t)).roundId;
    round = await roundInScoring(bt.t, [
      { supplierName: 'Safer Futures CIC', price: '1500000' },
      { supplierName: 'Youth Link Partnership', price: '1200000' },
    ]);
  });
  afterAll(() => bt.close());

  async function signedIn(email: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(bt, { viewport });
    const page = await context.newPage();
    await signIn(page, email);
    return { context, page };
  }

  it('keeps the session in an HttpOnly, SameSite cookie, returns to the page asked for, and signs out', async () => {
    const context = await newContext(bt);
    const page = await context.newPage();
    await page.goto(`/rounds/${round.roundId}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/rounds/${round.roundId}`);

    await page.getByLabel('Email address').fill('commissioner@demo.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText("That email and password don't match.").waitFor();
    await screenshot(page, 'access-sign-in-refused');
    await expectAccessible(page);

    await page.getByLabel('Password').fill('young-voices-count-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/rounds/${round.roundId}`);
    const session = (await context.cookies()).find((c) => c.name === 'session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    const csrf = (await context.cookies()).find((c) => c.name === 'csrf');
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // The page's script cannot read either.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');
    // The same cookie opens the JSON API (for the workbook link and autosave).
    expect((await page.request.get(`/api/rounds/${round.roundId}`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect((await context.cookies()).find((c) => c.name === 'session')).toBeUndefined();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // The API still answers JSON 401 without a session.
    expect((await page.request.get('/api/rounds')).status()).toBe(401);
    await context.close();
  });

  it("shows a panellist who types a commissioner's or auditor's address a refusal page, never the data", async () => {
    const { context, page } = await signedIn('yp1@demo.test', PHONE);
    for (const path of [`/rounds/${round.roundId}`, `/rounds/${round.roundId}/moderation`, `/rounds/${round.roundId}/results`, `/rounds/${round.roundId}/evidence`, '/rounds/new',
      `/rounds/${round.roundId}/summaries`, `/rounds/${round.roundId}/summaries/${round.bidIds[0]}`, `/rounds/${round.roundId}/summaries/${round.bidIds[0]}/pdf`,
      `/rounds/${round.roundId}/summaries/check?bidId=${round.bidIds[0]}&criterionId=x&reason=Covers+the+basics`]) {
      const response = await page.goto(path);
      expect([403, 404]).toContain(response!.status());
      const text = await page.locator('main').innerText();
      expect(text).toContain('This page is not available to you');
      expect(text).not.toMatch(/Safer Futures|Youth Link|1500000|1,500,000|Professionals|TEST-/);
    }
    await screenshot(page, 'access-refused');
    await expectAccessible(page);

    // Not on the panel at all: the round is unknown to them (404), the same page.
    const kai = await signedIn('yp3@demo.test', PHONE);
    const unknown = await kai.page.goto(`/rounds/${otherRound}/score`);
    expect(unknown!.status()).toBe(404);
    await kai.page.getByText('This page is not available to you').waitFor();
    expect((await kai.page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`))!.status()).toBe(200);
    expect((await kai.page.goto('/rounds/00000000-0000-4000-8000-000000000000/score/bids/x'))!.status()).toBe(404);
    await kai.context.close();
    await context.close();
  });

  it('refuses a form posted without the CSRF token, and an API call made with the cookie but without the token', async () => {
    const { context, page } = await signedIn('commissioner@demo.test');
    await page.goto(`/rounds/${round.roundId}`);

    // A form like the page's own, but without the hidden token (as a forged form would be).
    await page.evaluate((id) => {
      // In the page (the test code is compiled without the DOM library, hence the loose types).
      type El = { name: string; value: string; method: string; action: string; append(...nodes: El[]): void; submit(): void };
      const document = (globalThis as unknown as { document: { createElement(tag: string): El; body: El } }).document;
      const form = document.createElement('form');
      form.method = 'post';
      form.action = `/rounds/${id}/events`;
      const type = document.createElement('input');
      type.name = 'type';
      type.value = 'CANCEL';
      const reason = document.createElement('input');
      reason.name = 'reason';
      reason.value = 'Forged cancellation from another site';
      form.append(type, reason);
      document.body.append(form);
      form.submit();
    }, round.roundId);
    await page.getByRole('heading', { name: 'Please try that again' }).waitFor();
    await page.getByText('Nothing was changed.').waitFor();
    await screenshot(page, 'access-csrf-refused');
    await expectAccessible(page);

    // A wrong token is refused the same way; the round did not move.
    const wrong = await page.request.post(`/rounds/${round.roundId}/events`, { form: { _csrf: 'abc.def', type: 'CANCEL', reason: 'Forged cancellation' } });
    expect(wrong.status()).toBe(403);
    expect((await bt.t.http().get(`/api/rounds/${round.roundId}`).set(bearer(round.lead)).expect(200)).body.state).toBe('scoring');

    // Cookie-authenticated API calls need the token in x-csrf-token; bearer-token clients are unaffected.
    const noToken = await page.request.post(`/api/rounds/${round.roundId}/events`, { data: { type: 'CANCEL', reason: 'Forged' } });
    expect(noToken.status()).toBe(403);
    expect((await noToken.json()).message).toContain('x-csrf-token');
    await page.goto(`/rounds/${round.roundId}`);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    // With the token the call gets through to the service, which answers for itself (PUBLISH is not possible in scoring).
    const withToken = await page.request.post(`/api/rounds/${round.roundId}/events`, { data: { type: 'PUBLISH' }, headers: { 'x-csrf-token': token } });
    expect(withToken.status()).toBe(409);

    // Sign-in itself is protected too (login CSRF).
    const login = await page.request.post('/sign-in', { form: { email: 'auditor@demo.test', password: 'young-voices-count-2026' }, maxRedirects: 0 });
    expect(login.status()).toBe(403);
    await context.close();
  });

  it('lets an invited person set a password and arrive signed in', async () => {
    const lead = await bt.t.tokenFor('commissioner@demo.test');
    const invited = (await bt.t.http().post('/api/users').set(bearer(lead)).send({ email: 'sam@demo.test', displayName: 'Sam', roles: ['panellist'] }).expect(201)).body;
    const context = await newContext(bt, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`/invitations/${invited.invitation.token}`);
    await expectAccessible(page);
    await page.getByLabel(/New password/).fill('my dog likes long walks');
    await page.getByLabel('Type it again').fill('my dog likes long walk');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel(/New password/).fill('my dog likes long walks');
    await page.getByLabel('Type it again').fill('my dog likes long walks');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText('Welcome! Your password is set and you are signed in.').waitFor();
    await expect(page.locator('header').innerText()).resolves.toContain('Sam');
    await screenshot(page, 'access-invitation-accepted');
    await expectAccessible(page);

    // The link works once.
    await page.goto(`/invitations/${invited.invitation.token}`);
    await page.getByLabel(/New password/).fill('another long password');
    await page.getByLabel('Type it again').fill('another long password');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByText(/already been used/).waitFor();
    await context.close();
  });
});
