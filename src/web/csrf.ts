import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { bearerToken, SESSION_COOKIE } from '../auth/auth.guard.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const CSRF_COOKIE = 'csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Page forms that upload a file: the token is inside the multipart body, so the handler checks it once parsed. */
export const MULTIPART_FORMS = new Set(['/rounds', '/statements/import-csv']);
/** The same, for a round's own upload forms (the bid import). */
const MULTIPART_ROUND_FORMS = /^\/rounds\/[0-9a-f-]{36}\/bid-import$/i;

/**
 * Double-submit CSRF protection (csrf-csrf): the token is an HMAC of a random value and the signed-in
 * user, kept in an HttpOnly cookie and repeated in every form (hidden field) or fetch (x-csrf-token header).
 * A cross-site page can neither read the cookie nor forge the HMAC.
 */
@Injectable()
export class Csrf {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secret = createHash('sha256').update(`csrf:${config.authSecret}`).digest('hex');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: sessionIdentifier,
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: false },
      getCsrfTokenFromRequest: (req) => {
        const field = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
        if (typeof field === 'string') return field;
        const header = req.headers[CSRF_HEADER];
        return typeof header === 'string' ? header : null;
      },
    });
  }

  /** The token for the forms of the page being rendered (reuses the cookie's token while it stays valid). */
  token(req: Request, res: Response): string {
    return this.csrf.generateCsrfToken(req, res, { cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: req.secure } });
  }

  valid(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }

  /**
   * Whether the request repeats the token this browser was given (its CSRF cookie), valid or not: a form
   * from one of our pages whose session has since ended, rather than a post made up elsewhere.
   */
  issuedToThisBrowser(req: Request): boolean {
    const given = (req.cookies as Record<string, unknown> | undefined)?.[CSRF_COOKIE];
    const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? req.headers[CSRF_HEADER];
    return typeof given === 'string' && given !== '' && sent === given;
  }

  /** Whether this request must carry a token: every page form post, and an API call made with the session cookie. */
  required(req: Request): boolean {
    if (SAFE_METHODS.has(req.method)) return false;
    const path = pathOf(req);
    if (path.startsWith('/api/') || path === '/api') {
      // Only a request the guard will judge by its bearer token alone is exempt (a browser never sends
      // one on its own); with any other Authorization header (Basic, a bare "Bearer") the cookie counts.
      return typeof req.cookies?.[SESSION_COOKIE] === 'string' && !bearerToken(req);
    }
    if ((MULTIPART_FORMS.has(path) || MULTIPART_ROUND_FORMS.test(path)) && req.is('multipart/form-data')) return false; // checked by the handler
    return true;
  }
}

/** The session id from the session cookie ('' before sign-in): a token is good for one session only. */
function sessionIdentifier(req: Request): string {
  const token = req.cookies?.[SESSION_COOKIE];
  if (typeof token !== 'string') return '';
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid?: unknown };
    return typeof payload.sid === 'string' ? payload.sid : '';
  } catch {
    return '';
  }
}

/** The request path as the browser sent it, whatever the middleware was mounted on. */
export function pathOf(req: Request): string {
  return new URL(req.originalUrl || req.url, 'http://local').pathname;
}
