import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * Sign-in attempts per address and email, one count for the API and the sign-in page alike (Nest makes
 * a guard instance per module, so the counts live here, in one shared provider). Counts live in memory:
 * with several app instances each keeps its own.
 */
@Injectable()
export class LoginAttempts {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterMemory({ points: config.loginRateLimit, duration: 60 });
  }

  /** Counts one attempt; throws 429 (with Retry-After) once the limit is reached. */
  async consume(ip: string, email: string, response: Response): Promise<void> {
    try {
      await this.limiter.consume(`${ip}|${email.trim().toLowerCase()}`);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      response.setHeader('Retry-After', Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpException('Too many sign-in attempts; wait a minute and try again', HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}

/** One person's typos do not lock out a whole office behind one address. */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(private readonly attempts: LoginAttempts) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const email = typeof request.body?.email === 'string' ? request.body.email : '';
    await this.attempts.consume(request.ip ?? '', email, context.switchToHttp().getResponse<Response>());
    return true;
  }
}
