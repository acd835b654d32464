import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { Clock } from '../common/clock.js';
import { ConflictError, GoneError, NotFoundError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { Invitation } from './invitation.entity.js';
import type { Role } from './role.js';
import { User } from './user.entity.js';
import { CreatedUserDto, CreateUserDto, UserDto } from './user.dto.js';

const INVITATION_DAYS = 7;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.db.read((manager) => manager.findOneBy(User, { id }));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.read((manager) => manager.findOneBy(User, { email: email.trim().toLowerCase() }));
  }

  /** A commissioner invites someone: the account exists at once, the password is set through a one-time link. */
  async invite(actor: User, dto: CreateUserDto): Promise<CreatedUserDto> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
    const user = await this.db.write(async (manager) => {
      const email = dto.email.toLowerCase();
      if (await manager.existsBy(User, { email })) throw new ConflictError(`A user with the email ${email} already exists`);
      const created = await manager.save(User, manager.create(User, { email, displayName: dto.displayName, roles: dto.roles, passwordHash: null, createdAt: now }));
      await manager.save(Invitation, manager.create(Invitation, { tokenHash: tokenHash(token), userId: created.id, invitedById: actor.id, createdAt: now, expiresAt, usedAt: null }));
      await this.audit.record(manager, { type: 'user.invited', actorId: actor.id, payload: { userId: created.id, roles: dto.roles, expiresAt: expiresAt.toISOString() } });
      return created;
    });
    return {
      user: UserDto.from(user),
      invitation: { url: `${this.config.publicUrl}/invitations/${token}`, token, expiresAt: expiresAt.toISOString() },
    };
  }

  /** The invitee sets a password. A link works once and for seven days. */
  async acceptInvitation(token: string, password: string): Promise<User> {
    const passwordHash = await hashPassword(password); // slow on purpose: done before taking the write turn
    return this.db.write(async (manager) => {
      const invitation = await manager.findOneBy(Invitation, { tokenHash: tokenHash(token) });
      if (!invitation) throw new NotFoundError('This invitation link is not valid');
      if (invitation.usedAt) throw new GoneError('This invitation link has already been used; sign in with your password instead');
      const now = this.clock.now();
      if (invitation.expiresAt <= now) {
        throw new GoneError(`This invitation link expired on ${invitation.expiresAt.toISOString()}; ask the commissioner for a new one`);
      }
      // The condition on usedAt makes two simultaneous acceptances end with exactly one winner.
      const claimed = await manager.update(Invitation, { id: invitation.id, usedAt: IsNull() }, { usedAt: now });
      if (!claimed.affected) throw new GoneError('This invitation link has already been used; sign in with your password instead');
      await manager.update(User, { id: invitation.userId }, { passwordHash });
      await this.audit.record(manager, { type: 'invitation.accepted', actorId: invitation.userId, payload: { userId: invitation.userId } });
      return manager.findOneByOrFail(User, { id: invitation.userId });
    });
  }

  /** Used by the demo seeding: a ready account with a password, in the caller's transaction. */
  async createActive(manager: EntityManager, input: { email: string; displayName: string; roles: Role[]; password: string }): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return manager.save(User, manager.create(User, { email: input.email.toLowerCase(), displayName: input.displayName, roles: input.roles, passwordHash, createdAt: this.clock.now() }));
  }
}
