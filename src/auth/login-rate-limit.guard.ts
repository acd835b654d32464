import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { TooManyRequestsError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { AuthErrorCode } from './auth-error-codes.js';
import { SignInLimit } from './sign-in-limit.entity.js';

const WINDOW_MS = 60_000;
const MAX_BLOCK_MS = 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** 429 with Retry-After: one message for every limit, so it says nothing about which account exists. */
export class TooManyAttempts extends TooManyRequestsError {
  constructor(retryAfterSeconds: number, message = 'Too many sign-in attempts; wait a minute and try again') {
    super(AuthErrorCode.TooManyAttempts, message, retryAfterSeconds);
  }
}

/**
 * Sign-in limits, kept in the database so every instance shares them, and timed by the injectable Clock:
 * - per account, from any address: `loginRateLimit` attempts a minute, and after that many failures in a row
 *   a block that doubles with each further failure (1, 2, 4... minutes, at most an hour); a success resets it;
 * - per address, across accounts (password spraying): `loginAddressRateLimit` attempts a minute;
 * - per address, invitation acceptances: the same allowance.
 * The address is Express's `req.ip`, which believes X-Forwarded-For only when TRUST_PROXY says so.
 */
@Injectable()
export class LoginAttempts {
  private lastPrune = 0;

  constructor(private readonly db: Database, private readonly clock: Clock, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts one sign-in attempt; throws 429 once the address or the account has had its allowance. */
  async signIn(ip: string, email: string): Promise<void> {
    await this.hit(`address:${ip}`, this.config.loginAddressRateLimit);
    await this.hit(`account:${normalEmail(email)}`, this.config.loginRateLimit);
  }

  /** Counts one invitation acceptance from this address. */
  async invitation(ip: string): Promise<void> {
    await this.hit(`invitation:${ip}`, this.config.loginAddressRateLimit, 'Too many attempts to use an invitation link; wait a minute and try again');
  }

  /** A wrong password for this account: past the allowance, the account waits, twice as long each time. */
  async failed(email: string): Promise<void> {
    const now = this.clock.now();
    await this.db.write(async (manager) => {
      const row = await this.row(manager, `account:${normalEmail(email)}`, now);
      row.failures += 1;
      const over = row.failures - this.config.loginRateLimit;
      if (over >= 0) row.blockedUntil = new Date(now.getTime() + Math.min(MAX_BLOCK_MS, WINDOW_MS * 2 ** Math.min(over, 20)));
      await manager.save(SignInLimit, row);
    });
  }

  async succeeded(email: string): Promise<void> {
    await this.db.write((manager) => manager.update(SignInLimit, { key: `account:${normalEmail(email)}` }, { failures: 0, blockedUntil: null }));
  }

  private async hit(key: string, limit: number, message?: string): Promise<void> {
    const now = this.clock.now();
    const retryAfterMs = await this.db.write(async (manager) => {
      const row = await this.row(manager, key, now);
      if (row.blockedUntil && row.blockedUntil > now) return row.blockedUntil.getTime() - now.getTime();
      if (row.windowEndsAt <= now) Object.assign(row, { count: 0, windowEndsAt: new Date(now.getTime() + WINDOW_MS) });
      if (row.count >= limit) return row.windowEndsAt.getTime() - now.getTime();
      row.count += 1;
      await manager.save(SignInLimit, row);
      return 0;
    });
    await this.prune(now);
    if (retryAfterMs > 0) throw new TooManyAttempts(Math.ceil(retryAfterMs / 1000), message);
  }

  /** The counter row, created if new and locked for this transaction (PostgreSQL: other instances wait their turn). */
  private async row(manager: EntityManager, key: string, now: Date): Promise<SignInLimit> {
    await manager.createQueryBuilder().insert().into(SignInLimit)
      .values({ key, count: 0, windowEndsAt: new Date(now.getTime() + WINDOW_MS), failures: 0, blockedUntil: null })
      .orIgnore().execute();
    return manager.findOneOrFail(SignInLimit, { where: { key }, ...this.db.rowLock() });
  }

  /** Old counters go, now and then: a window long over with no block left means nothing. */
  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const stale = new Date(now.getTime() - MAX_BLOCK_MS);
    await this.db.write((manager) => manager.createQueryBuilder().delete().from(SignInLimit)
      .where('"windowEndsAt" < :stale AND ("blockedUntil" IS NULL OR "blockedUntil" < :stale)', { stale: stale.toISOString() }).execute());
  }
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}

/** Counts a sign-in attempt (API and sign-in page alike) before the password is checked. */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(private readonly attempts: LoginAttempts) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const email = typeof request.body?.email === 'string' ? request.body.email : '';
    await withRetryAfter(context, () => this.attempts.signIn(request.ip ?? '', email));
    return true;
  }
}

/** Counts an invitation acceptance per address, before the link is looked up. */
@Injectable()
export class InvitationRateLimitGuard implements CanActivate {
  constructor(private readonly attempts: LoginAttempts) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await withRetryAfter(context, () => this.attempts.invitation(context.switchToHttp().getRequest<Request>().ip ?? ''));
    return true;
  }
}

async function withRetryAfter(context: ExecutionContext, count: () => Promise<void>): Promise<void> {
  try {
    await count();
  } catch (error) {
    if (error instanceof TooManyAttempts) context.switchToHttp().getResponse<Response>().setHeader('Retry-After', error.retryAfterSeconds);
    throw error;
  }
}
