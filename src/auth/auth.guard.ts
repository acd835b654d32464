import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { Role } from '../users/role.js';
import { UsersService } from '../users/users.service.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';

export interface TokenClaims {
  sub: string;
}

/**
 * Global guard: every route needs a signed-in user unless marked @Public(), then @Roles() is checked.
 * The user is loaded on every request so a removed role takes effect at once, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService, private readonly users: UsersService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const token = bearerToken(request);
    if (!token) throw new UnauthenticatedError('Sign in first: send "Authorization: Bearer <token>" from POST /api/auth/login');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthenticatedError('Your sign-in has expired or is not valid; sign in again');
    }
    const user = await this.users.findById(claims.sub);
    if (!user || !user.passwordHash) throw new UnauthenticatedError('Your sign-in is no longer valid; sign in again');
    request.user = user;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenError(`This needs the ${required.join(' or ')} role`);
    }
    return true;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match ? match[1].trim() : null;
}
