import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { UnauthenticatedError } from '../common/errors.js';
import { Database } from '../database/database.js';
import { UserDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from './users.service.js';
import { SessionDto } from './auth.dto.js';
import { LoginAttempts } from '../auth/login-rate-limit.guard.js';
import { verifyPassword } from '../auth/passwords.js';
import type { SessionKind } from '../auth/session.entity.js';
import { Sessions } from '../auth/sessions.js';
import { AuthErrorCode } from '../auth/auth-error-codes.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: Sessions,
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly attempts: LoginAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A wrong email and a wrong password get the same answer, in the same time. */
  async signIn(email: string, password: string, ip: string, kind: SessionKind): Promise<SessionDto> {
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password, this.config.passwordHashCost);
    if (!user || !user.passwordHash || user.disabledAt || !ok) {
      await this.db.write((manager) =>
        this.audit.record(manager, { type: 'auth.sign_in_failed', actorId: null, payload: { email: email.toLowerCase(), ip } }),
      );
      await this.attempts.failed(email);
      throw new UnauthenticatedError(AuthErrorCode.WrongCredentials, 'The email or password is not right');
    }
    await this.attempts.succeeded(email);
    await this.db.write((manager) => this.audit.record(manager, { type: 'auth.signed_in', actorId: user.id, payload: { ip } }));
    return this.session(user, kind);
  }

  /** A new session: a bearer token for API clients, or the browser's cookie token (the same shape, never interchangeable). */
  async session(user: User, kind: SessionKind): Promise<SessionDto> {
    const { token, expiresIn } = await this.sessions.start(user, kind);
    return { accessToken: token, tokenType: 'Bearer', expiresIn, user: UserDto.from(user) };
  }

  /** Sign out everywhere: every session of this user ends (recorded in the audit trail). */
  async signOutEverywhere(user: User): Promise<number> {
    const ended = await this.sessions.endAll(user.id);
    await this.db.write((manager) => this.audit.record(manager, { type: 'auth.signed_out_everywhere', actorId: user.id, payload: { sessionsEnded: ended } }));
    return ended;
  }
}
