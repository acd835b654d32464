import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '../audit/audit.service.js';
import { UnauthenticatedError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { UserDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { SessionDto } from './auth.dto.js';
import { verifyPassword } from './passwords.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly db: Database,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A wrong email and a wrong password get the same answer, in the same time. */
  async signIn(email: string, password: string, ip: string): Promise<SessionDto> {
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !user.passwordHash || !ok) {
      await this.db.write((manager) =>
        this.audit.record(manager, { type: 'auth.sign_in_failed', actorId: null, payload: { email: email.toLowerCase(), ip } }),
      );
      throw new UnauthenticatedError('The email or password is not right');
    }
    await this.db.write((manager) => this.audit.record(manager, { type: 'auth.signed_in', actorId: user.id, payload: { ip } }));
    return this.session(user);
  }

  async session(user: User): Promise<SessionDto> {
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.tokenTtlSeconds, user: UserDto.from(user) };
  }
}
