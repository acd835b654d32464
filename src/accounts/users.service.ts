import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { endSessions } from '../auth/session.entity.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { Notifications } from '../notifications/notifications.service.js';
import { Invitation } from '../users/invitation.entity.js';
import { mayGrant, type Role } from '../users/role.js';
import { User } from '../users/user.entity.js';
import { CreatedUserDto, CreateUserDto, UserDto } from '../users/user.dto.js';

const INVITATION_DAYS = 7;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: Notifications,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.db.read((manager) => manager.findOneBy(User, { id }));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.read((manager) => manager.findOneBy(User, { email: email.trim().toLowerCase() }));
  }

  async list(): Promise<UserDto[]> {
    const users = await this.db.read((manager) => manager.find(User, { order: { email: 'ASC' } }));
    return users.map(UserDto.from);
  }

  /**
   * Someone invites a user: the account exists at once, the password is set through a one-time link.
   * Least privilege: a commissioner creates panellists only; commissioner, auditor and administrator
   * accounts come from an administrator.
   */
  async invite(actor: User, dto: CreateUserDto): Promise<CreatedUserDto> {
    if (!mayGrant(actor.roles, dto.roles)) {
      throw new ForbiddenError('A commissioner can invite panellists only; an administrator creates commissioner, auditor and administrator accounts');
    }
    return this.createInvited(actor.id, dto);
  }

  /** The first administrator, from the command line (`npm run admin:create`): no one to invite them. */
  createAdministrator(email: string, displayName: string): Promise<CreatedUserDto> {
    return this.createInvited(null, { email, displayName, roles: ['administrator'] });
  }

  private async createInvited(actorId: string | null, dto: CreateUserDto): Promise<CreatedUserDto> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
    const url = `${this.config.publicUrl}/invitations/${token}`;
    const user = await this.db.write(async (manager) => {
      const email = dto.email.toLowerCase();
      if (await manager.existsBy(User, { email })) throw new ConflictError(`A user with the email ${email} already exists`);
      const created = await manager.save(User, manager.create(User, { email, displayName: dto.displayName, roles: dto.roles, passwordHash: null, createdAt: now, disabledAt: null }));
      await manager.save(Invitation, manager.create(Invitation, { tokenHash: tokenHash(token), userId: created.id, invitedById: actorId, createdAt: now, expiresAt, usedAt: null }));
      await this.notifications.invited(manager, now, created, { url, expiresAt });
      await this.audit.record(manager, { type: 'user.invited', actorId, payload: { userId: created.id, roles: dto.roles, expiresAt: expiresAt.toISOString() } });
      return created;
    });
    return {
      user: UserDto.from(user),
      invitation: { url, token, expiresAt: expiresAt.toISOString() },
    };
  }

  /** An administrator changes someone's roles: audited, and every session of theirs ends (the next request signs in afresh). */
  async setRoles(actor: User, userId: string, roles: Role[]): Promise<UserDto> {
    return this.db.write(async (manager) => {
      const user = await this.target(manager, actor, userId, roles.includes('administrator') ? null : 'remove your own administrator role');
      const from = user.roles;
      user.roles = roles;
      await manager.update(User, { id: user.id }, { roles });
      const ended = await endSessions(manager, user.id, this.clock.now());
      await this.audit.record(manager, { type: 'user.roles_changed', actorId: actor.id, payload: { userId: user.id, from, to: roles, sessionsEnded: ended } });
      return UserDto.from(user);
    });
  }

  /** An administrator disables (or re-enables) an account: audited; disabling ends every session at once. */
  async setDisabled(actor: User, userId: string, disabled: boolean): Promise<UserDto> {
    return this.db.write(async (manager) => {
      const user = await this.target(manager, actor, userId, disabled ? 'disable your own account' : null);
      const now = this.clock.now();
      user.disabledAt = disabled ? user.disabledAt ?? now : null;
      await manager.update(User, { id: user.id }, { disabledAt: user.disabledAt });
      const ended = disabled ? await endSessions(manager, user.id, now) : 0;
      await this.audit.record(manager, { type: disabled ? 'user.disabled' : 'user.enabled', actorId: actor.id, payload: { userId: user.id, sessionsEnded: ended } });
      return UserDto.from(user);
    });
  }

  private async target(manager: EntityManager, actor: User, userId: string, refusedOnSelf: string | null): Promise<User> {
    const user = await manager.findOneBy(User, { id: userId });
    if (!user) throw new NotFoundError('User not found');
    if (refusedOnSelf && user.id === actor.id) throw new ConflictError(`You cannot ${refusedOnSelf}; ask another administrator`);
    return user;
  }

  /**
   * The invitee sets a password. A link works once and for seven days. The link is looked up first,
   * so an unknown token costs no password hashing (and cannot be used to load the server).
   */
  async acceptInvitation(token: string, password: string): Promise<User> {
    const found = await this.db.read((manager) => manager.findOneBy(Invitation, { tokenHash: tokenHash(token) }));
    if (!found) throw new NotFoundError('This invitation link is not valid');
    if (found.usedAt) throw new GoneError('This invitation link has already been used; sign in with your password instead');
    const passwordHash = await hashPassword(password); // slow on purpose: done before taking the write turn
    return this.db.write(async (manager) => {
      const invitation = await manager.findOneByOrFail(Invitation, { id: found.id });
      const now = this.clock.now();
      if (invitation.expiresAt <= now) {
        throw new GoneError(`This invitation link expired on ${invitation.expiresAt.toISOString()}; ask the commissioner for a new one`);
      }
      // The condition on usedAt makes two simultaneous acceptances end with exactly one winner.
      const claimed = await manager.update(Invitation, { id: invitation.id, usedAt: IsNull() }, { usedAt: now });
      if (!claimed.affected) throw new GoneError('This invitation link has already been used; sign in with your password instead');
      const user = await manager.findOneByOrFail(User, { id: invitation.userId });
      if (user.disabledAt) throw new GoneError('This account has been disabled; ask an administrator');
      await manager.update(User, { id: invitation.userId }, { passwordHash });
      await this.audit.record(manager, { type: 'invitation.accepted', actorId: invitation.userId, payload: { userId: invitation.userId } });
      return manager.findOneByOrFail(User, { id: invitation.userId });
    });
  }

  /** Used by the demo seeding: a ready account with a password, in the caller's transaction. */
  async createActive(manager: EntityManager, input: { email: string; displayName: string; roles: Role[]; password: string }): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    return manager.save(User, manager.create(User, { email: input.email.toLowerCase(), displayName: input.displayName, roles: input.roles, passwordHash, createdAt: this.clock.now(), disabledAt: null }));
  }
}
