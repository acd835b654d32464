import { jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { bearer, roundInScoring } from '../support/rounds.js';
import { type BrowserTest, DESKTOP, expectAccessible, HANG_GUARD_MS, newContext, PHONE, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

describe('sessions, access and CSRF in the browser', () => {
  let bt: BrowserTest;
  let round: Awaited<ReturnType<typeof roundInScoring>>;
  beforeAll(async () => {
    bt = await startBrowserTest();
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

  // Every lead's and auditor's page refused to a panellist, with no data on it: test/pages.e2e-spec.ts (over HTTP).
  it('shows a panellist who types a lead\'s address the refusal page, readable on a phone', async () => {
    const { context, page } = await signedIn('yp1@demo.test', PHONE);
    const response = await page.goto(`/rounds/${round.roundId}/results`);
    expect(response!.status()).toBe(403);
    await page.getByText('This page is not available to you').waitFor();
    await screenshot(page, 'access-refused');
    await expectAccessible(page);
    await context.close();
  });

  it('shows a person whose form came without the CSRF token that nothing was changed', async () => {
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

    // A wrong token, cookie-authenticated API calls without the token, and sign-in without it (login CSRF):
    // test/pages.e2e-spec.ts, for every form route. Here: the refusal a person sees after a forged post.
    expect((await bt.t.http().get(`/api/rounds/${round.roundId}`).set(bearer(round.lead)).expect(200)).body.state).toBe('scoring');
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

    // The link works once: opened again, it says so before asking for any password.
    await page.goto(`/invitations/${invited.invitation.token}`);
    await page.getByText(/already been used/).waitFor();
    await expect(page.getByLabel(/New password/).count()).resolves.toBe(0);
    await context.close();
  });
});
