import type { Role } from '../../src/users/role.js';
import { bearer } from './rounds.js';
import type { TestApp } from './test-app.js';

/** The demo administrator: the one account that may create commissioner, auditor and administrator accounts. */
export const ADMIN_EMAIL = 'admin@demo.test';

/** Creates an account through the administrator (any roles) and returns the invitation as the API gave it. */
export async function inviteAsAdmin(t: TestApp, user: { email: string; displayName: string; roles: Role[] }): Promise<{ user: { id: string }; invitation: { token: string; url: string; expiresAt: string } }> {
  const admin = await t.tokenFor(ADMIN_EMAIL);
  const response = await t.http().post('/api/users').set(bearer(admin)).send(user);
  if (response.status !== 201) throw new Error(`Inviting ${user.email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Creates an active account (invitation accepted) through the administrator; returns its bearer token. */
export async function activeAccount(t: TestApp, user: { email: string; displayName: string; roles: Role[] }, password = 'a long enough passphrase'): Promise<string> {
  const invited = await inviteAsAdmin(t, user);
  const accepted = await t.http().post(`/api/auth/invitations/${invited.invitation.token}`).send({ password });
  if (accepted.status !== 200) throw new Error(`Accepting ${user.email} failed: ${accepted.status}`);
  return accepted.body.accessToken as string;
}

/** A browser's session, as the pages set it up: the cookies to send back and the CSRF token of the last page. */
export interface PageSession {
  cookies: Record<string, string>;
  csrfToken: string;
  cookieHeader(): string;
}

/** Reads the Set-Cookie headers of a response into `cookies` (a cleared cookie is removed). */
export function keepCookies(cookies: Record<string, string>, setCookie: string[] | string | undefined): void {
  for (const line of [setCookie ?? []].flat()) {
    const [pair] = line.split(';');
    const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(line)) delete cookies[name];
    else cookies[name] = value;
  }
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Signs in through the sign-in page, as a browser does, and reads a signed-in page's CSRF token. */
export async function signInPage(t: TestApp, email: string, password: string): Promise<PageSession> {
  const session: PageSession = { cookies: {}, csrfToken: '', cookieHeader: () => Object.entries(session.cookies).map(([k, v]) => `${k}=${v}`).join('; ') };
  const form = await t.http().get('/sign-in').expect(200);
  keepCookies(session.cookies, form.headers['set-cookie']);
  const signedIn = await t.http().post('/sign-in').type('form').set('Cookie', session.cookieHeader()).send({ _csrf: csrfTokenIn(form.text), email, password });
  if (signedIn.status !== 303) throw new Error(`Page sign-in as ${email} failed: ${signedIn.status}`);
  keepCookies(session.cookies, signedIn.headers['set-cookie']);
  await refreshCsrf(t, session);
  return session;
}

/** Opens the home page with the session and keeps its CSRF token (bound to the session). */
export async function refreshCsrf(t: TestApp, session: PageSession): Promise<void> {
  const home = await t.http().get('/').set('Cookie', session.cookieHeader()).expect(200);
  keepCookies(session.cookies, home.headers['set-cookie']);
  session.csrfToken = csrfTokenIn(home.text);
}
