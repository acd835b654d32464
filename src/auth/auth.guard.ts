import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CookieOptions, Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { Role } from '../users/role.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';
import type { Session } from './session.entity.js';
import { type ActiveSession, Sessions } from './sessions.js';
import { AuthErrorCode } from './auth-error-codes.js';

/** The browser session: a cookie-kind session token, in an HttpOnly cookie (never accepted as a bearer token, nor the reverse). */
export const SESSION_COOKIE = 'session';

export const IS_PAGE = 'auth:isPage';
/** A server-rendered page: an unauthenticated visitor is sent to the sign-in page instead of getting a JSON 401. */
export const Page = () => SetMetadata(IS_PAGE, true);

export function sessionCookieOptions(request: Request, maxAgeSeconds: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/', maxAge: maxAgeSeconds * 1000 };
}

/** What the guard leaves on the request: the user, and the session they are using. */
export type AuthenticatedRequest = Request & { user?: ActiveSession['user']; authSession?: Session };

/**
 * Global guard: every route needs a signed-in user unless marked @Public(), then @Roles() is checked.
 * The session row and the user are loaded on every request, so sign-out, a disabled account or a
 * changed role take effect on the next request, on every instance.
 * A request with an "Authorization: Bearer" header is judged by that token alone (never by the cookie);
 * any other request by the session cookie, which the CSRF middleware has already checked.
 * Pages (@Page()) redirect to the sign-in page.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly sessions: Sessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPage = this.reflector.getAllAndOverride<boolean>(IS_PAGE, targets) ?? false;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const bearer = bearerToken(request);
    const cookie = bearer ? null : sessionCookie(request);

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // A public page still knows who is signed in (to greet them, or send them on).
      if (isPage && cookie) request.user = (await this.sessions.resume(cookie, 'cookie'))?.user;
      return true;
    }

    if (!bearer && !cookie) {
      if (isPage) return this.toSignIn(request, response, false);
      throw new UnauthenticatedError(AuthErrorCode.SignInRequired, 'Sign in first: send "Authorization: Bearer <token>" from POST /api/auth/login');
    }
    const active = bearer ? await this.sessions.resume(bearer, 'bearer') : await this.sessions.resume(cookie!, 'cookie');
    if (!active) {
      if (isPage) return this.toSignIn(request, response, true);
      throw new UnauthenticatedError(AuthErrorCode.SessionExpired, 'Your sign-in has expired or is not valid; sign in again');
    }
    request.user = active.user;
    request.authSession = active.session;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => active.user.roles.includes(role))) {
      throw new ForbiddenError(AuthErrorCode.RoleRequired, `This needs the ${required.join(' or ')} role`);
    }
    return true;
  }
  /** Sends a page visitor to the sign-in page, back here afterwards (GET only); the response is complete. */
  private toSignIn(request: Request, response: Response, expired: boolean): false {
    if (expired) response.clearCookie(SESSION_COOKIE, { path: '/' });
    // After a form post, back to the page the form was on (its words are kept there, see autosave.js).
    const back = request.method === 'GET' ? request.originalUrl : refererPath(request);
    const next = back ? `next=${encodeURIComponent(back)}` : '';
    const query = [next, expired ? 'expired=1' : ''].filter(Boolean).join('&');
    response.redirect(303, `/sign-in${query ? `?${query}` : ''}`);
    return false;
  }
}

/**
 * The page a form was posted from, or null: a form says so in its action (`?from=/path`), since the
 * pages send no Referer (helmet's no-referrer policy); a same-site Referer counts when there is one.
 */
export function refererPath(request: Request): string | null {
  const from = request.query?.from;
  if (typeof from === 'string' && /^\/(?![/\\])/.test(from)) return from;
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return null;
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/** The bearer token of an `Authorization: Bearer <token>` header; null for any other header (Basic, a bare Bearer...). */
export function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match ? match[1].trim() : null;
}

export function sessionCookie(request: Request): string | null {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
