import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsNull } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import type { User } from '../users/user.entity.js';
import { endSessions, Session, type SessionKind } from './session.entity.js';

export interface TokenClaims {
  sub: string;
  /** The session row this token belongs to. */
  sid: string;
  /** Cookie or bearer: a token is accepted only the way it was issued. */
  typ: SessionKind;
  iat?: number;
  exp?: number;
}

export interface ActiveSession {
  user: User;
  session: Session;
}

/** lastSeenAt is written at most this often, so a busy session does not write on every request. */
const SEEN_RESOLUTION_MS = 60_000;

/**
 * Server-side sessions. The JWT is only a signed pointer to a `sessions` row; the row (and the user's
 * state) decide on every request: ended, idle too long, past the absolute lifetime, a disabled account
 * or a token presented the other way than issued are all refused. Time comes from the injectable Clock,
 * for the token's own expiry too.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly db: Database,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seconds a new session of this kind lasts at most: a bearer token is short-lived, a browser session lasts the working day. */
  lifetime(kind: SessionKind): number {
    return kind === 'cookie' ? this.config.sessionAbsoluteSeconds : Math.min(this.config.tokenTtlSeconds, this.config.sessionAbsoluteSeconds);
  }

  async start(user: User, kind: SessionKind): Promise<{ token: string; expiresIn: number }> {
    const now = this.clock.now();
    const expiresIn = this.lifetime(kind);
    const session = await this.db.write((manager) =>
      manager.save(Session, manager.create(Session, { userId: user.id, kind, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + expiresIn * 1000), endedAt: null })),
    );
    const claims: TokenClaims = { sub: user.id, sid: session.id, typ: kind, iat: Math.floor(now.getTime() / 1000) };
    return { token: await this.jwt.signAsync(claims, { expiresIn }), expiresIn };
  }

  /** The signed-in user behind a token presented as `kind`, or null (never throws for a bad token). */
  async resume(token: string, kind: SessionKind): Promise<ActiveSession | null> {
    const now = this.clock.now();
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { clockTimestamp: Math.floor(now.getTime() / 1000) });
    } catch {
      return null;
    }
    if (claims.typ !== kind || typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    // The session and its user in one query: one short turn on SQLite's single connection per request.
    // A query builder, not findOne with the relation: that sends two statements (ids first, for its LIMIT).
    const session = await this.db.readOne((manager) =>
      manager.createQueryBuilder(Session, 's').innerJoinAndSelect('s.user', 'u')
        .where('s.id = :sid AND s.userId = :sub AND s.kind = :kind AND s.endedAt IS NULL AND s.expiresAt > :now', { sid: claims.sid, sub: claims.sub, kind, now: now.toISOString() }) // instants are stored as ISO text
        .getOne());
    const user = session?.user;
    if (!session || !user) return null;
    delete session.user;
    const found: ActiveSession = { session, user };
    if (!user.passwordHash || user.disabledAt) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= this.config.sessionIdleSeconds * 1000) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= SEEN_RESOLUTION_MS) {
      await this.db.write((manager) => manager.update(Session, { id: session.id, endedAt: IsNull() }, { lastSeenAt: now }));
      session.lastSeenAt = now;
    }
    return found;
  }

  /** Sign-out: this session only. */
  async end(sessionId: string): Promise<void> {
    await this.db.write((manager) => manager.update(Session, { id: sessionId, endedAt: IsNull() }, { endedAt: this.clock.now() }));
  }

  /** Sign out everywhere: every session of this user, browser and API alike. */
  async endAll(userId: string): Promise<number> {
    return this.db.write((manager) => endSessions(manager, userId, this.clock.now()));
  }

  /** The session a cookie names, without checking it (sign-out of a session that may already be over). */
  async sessionIdOf(token: string): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, { ignoreExpiration: true });
      return typeof claims.sid === 'string' ? claims.sid : null;
    } catch {
      return null;
    }
  }
}
