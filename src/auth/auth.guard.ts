import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { CookieOptions, Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';

export interface TokenClaims {
  sub: string;
  iat?: number;
  exp?: number;
}

/** The browser session: the same JWT as the bearer token, in an HttpOnly cookie. */
export const SESSION_COOKIE = 'session';

export const IS_PAGE = 'auth:isPage';
/** A server-rendered page: an unauthenticated visitor is sent to the sign-in page instead of getting a JSON 401. */
export const Page = () => SetMetadata(IS_PAGE, true);

export function sessionCookieOptions(request: Request, maxAgeSeconds: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/', maxAge: maxAgeSeconds * 1000 };
}

/**
 * Global guard: every route needs a signed-in user unless marked @Public(), then @Roles() is checked.
 * The user is loaded on every request so a removed role takes effect at once, not when the token expires.
 * A bearer token wins over the session cookie; pages (@Page()) redirect to the sign-in page.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService, private readonly users: UsersService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPage = this.reflector.getAllAndOverride<boolean>(IS_PAGE, targets) ?? false;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const response = context.switchToHttp().getResponse<Response>();
    const bearer = bearerToken(request);
    const cookie = bearer ? null : sessionCookie(request);
    const token = bearer ?? cookie;

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // A public page still knows who is signed in (to greet them, or send them on).
      if (isPage && token) request.user = (await this.userFrom(token).catch(() => null))?.user;
      return true;
    }

    if (!token) {
      if (isPage) return this.toSignIn(request, response, false);
      throw new UnauthenticatedError('Sign in first: send "Authorization: Bearer <token>" from POST /api/auth/login');
    }
    let session: { user: User | null; claims: TokenClaims };
    try {
      session = await this.userFrom(token);
    } catch {
      if (isPage) return this.toSignIn(request, response, true);
      throw new UnauthenticatedError('Your sign-in has expired or is not valid; sign in again');
    }
    const user = session.user;
    if (!user || !user.passwordHash) {
      if (isPage) return this.toSignIn(request, response, true);
      throw new UnauthenticatedError('Your sign-in is no longer valid; sign in again');
    }
    request.user = user;
    if (cookie) await this.renew(request, response, session.claims);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenError(`This needs the ${required.join(' or ')} role`);
    }
    return true;
  }

  private async userFrom(token: string): Promise<{ user: User | null; claims: TokenClaims }> {
    const claims = await this.jwt.verifyAsync<TokenClaims>(token);
    return { user: await this.users.findById(claims.sub), claims };
  }

  /** A browser session slides: past half its life, the cookie gets a fresh token (the bearer token does not). */
  private async renew(request: Request, response: Response, claims: TokenClaims): Promise<void> {
    if (!claims.iat || !claims.exp) return;
    const lifetime = claims.exp - claims.iat;
    if (Date.now() / 1000 - claims.iat < lifetime / 2) return;
    response.cookie(SESSION_COOKIE, await this.jwt.signAsync({ sub: claims.sub }), sessionCookieOptions(request, lifetime));
  }

  /** Sends a page visitor to the sign-in page, back here afterwards (GET only); the response is complete. */
  private toSignIn(request: Request, response: Response, expired: boolean): false {
    if (expired) response.clearCookie(SESSION_COOKIE, { path: '/' });
    const next = request.method === 'GET' ? `next=${encodeURIComponent(request.originalUrl)}` : '';
    const query = [next, expired ? 'expired=1' : ''].filter(Boolean).join('&');
    response.redirect(303, `/sign-in${query ? `?${query}` : ''}`);
    return false;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match ? match[1].trim() : null;
}

function sessionCookie(request: Request): string | null {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
