import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * Sign-in attempts are counted per address and email, so one person's typos do not lock out a whole
 * office behind one address. Counts live in memory: with several app instances each keeps its own.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterMemory({ points: config.loginRateLimit, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const email = typeof request.body?.email === 'string' ? request.body.email.trim().toLowerCase() : '';
    try {
      await this.limiter.consume(`${request.ip}|${email}`);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpException('Too many sign-in attempts; wait a minute and try again', HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
