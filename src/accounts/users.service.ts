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
import { UsersErrorCode } from '../users/users-error-codes.js';
import { newInvitationLink, tokenHash } from '../users/invitation-link.js';

export { tokenHash } from '../users/invitation-link.js';

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
      throw new ForbiddenError(UsersErrorCode.InviteNotAllowed, 'A commissioner can invite panellists only; an administrator creates commissioner, auditor and administrator accounts');
    }
    return this.createInvited(actor.id, dto);
  }

  /** The first administrator, from the command line (`npm run admin:create`): no one to invite them. */
  createAdministrator(email: string, displayName: string): Promise<CreatedUserDto> {
    return this.createInvited(null, { email, displayName, roles: ['administrator'] });
  }

  private async createInvited(actorId: string | null, dto: CreateUserDto): Promise<CreatedUserDto> {
    const now = this.clock.now();
    const link = newInvitationLink(this.config.publicUrl, now);
    const user = await this.db.write(async (manager) => {
      const email = dto.email.toLowerCase();
      const existing = await manager.findOneBy(User, { email });
      // An account whose every invitation was revoked (never activated) can be invited again.
      const reinvited = existing && existing.passwordHash === null && !(await manager.existsBy(Invitation, { userId: existing.id, revokedAt: IsNull() }));
      if (existing && !reinvited) throw new ConflictError(UsersErrorCode.EmailTaken, `A user with the email ${email} already exists`);
      const created = existing
        ? await manager.save(User, Object.assign(existing, { displayName: dto.displayName, roles: dto.roles }))
        : await manager.save(User, manager.create(User, { email, displayName: dto.displayName, roles: dto.roles, passwordHash: null, createdAt: now, disabledAt: null }));
      await manager.save(Invitation, manager.create(Invitation, { tokenHash: link.tokenHash, userId: created.id, invitedById: actorId, createdAt: now, expiresAt: link.expiresAt, usedAt: null, revokedAt: null }));
      await this.notifications.invited(manager, now, created, link);
      await this.audit.record(manager, { type: 'user.invited', actorId, payload: { userId: created.id, roles: dto.roles, expiresAt: link.expiresAt.toISOString() } });
      return created;
    });
    return {
      user: UserDto.from(user),
      invitation: { url: link.url, token: link.token, expiresAt: link.expiresAt.toISOString() },
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
    if (!user) throw new NotFoundError(UsersErrorCode.NotFound, 'User not found');
    if (refusedOnSelf && user.id === actor.id) throw new ConflictError(UsersErrorCode.NotOnSelf, `You cannot ${refusedOnSelf}; ask another administrator`);
    return user;
  }

  /**
   * The invitee sets a password. A link works once and for seven days. The link is looked up first,
   * so an unknown token costs no password hashing (and cannot be used to load the server).
   */
  async acceptInvitation(token: string, password: string): Promise<User> {
    const found = await this.usableInvitation(token);
    const passwordHash = await hashPassword(password, this.config.passwordHashCost); // slow on purpose: done before taking the write turn
    return this.db.write(async (manager) => {
      const invitation = await manager.findOneByOrFail(Invitation, { id: found.id });
      const now = this.clock.now();
      if (invitation.revokedAt || invitation.tokenHash !== found.tokenHash) throw new GoneError(UsersErrorCode.InvitationRevoked, 'This invitation was taken back or sent again; use the newest link, or ask for a new one');
      if (invitation.expiresAt <= now) throw expiredLink(invitation);
      // The condition on usedAt makes two simultaneous acceptances end with exactly one winner.
      const claimed = await manager.update(Invitation, { id: invitation.id, tokenHash: found.tokenHash, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
      if (!claimed.affected) throw new GoneError(UsersErrorCode.InvitationUsed, 'This invitation link has already been used; sign in with your password instead');
      const user = await manager.findOneByOrFail(User, { id: invitation.userId });
      if (user.disabledAt) throw new GoneError(UsersErrorCode.AccountDisabled, 'This account has been disabled; ask an administrator');
      await manager.update(User, { id: invitation.userId }, { passwordHash });
      await this.audit.record(manager, { type: 'invitation.accepted', actorId: invitation.userId, payload: { userId: invitation.userId } });
      return manager.findOneByOrFail(User, { id: invitation.userId });
    });
  }

  /** The invitation behind a link, or the reason it cannot be used (unknown, used, expired): the page says so before asking for a password. */
  async usableInvitation(token: string): Promise<Invitation> {
    const found = await this.db.read((manager) => manager.findOneBy(Invitation, { tokenHash: tokenHash(token) }));
    if (!found) throw new NotFoundError(UsersErrorCode.InvitationNotFound, 'This invitation link is not valid. Check that you copied all of it, or ask the person who invited you for a new one.');
    if (found.usedAt) throw new GoneError(UsersErrorCode.InvitationUsed, 'This invitation link has already been used; sign in with your password instead');
    if (found.revokedAt) throw new GoneError(UsersErrorCode.InvitationRevoked, 'This invitation was taken back by the person who sent it; ask them for a new one if you still need an account');
    if (found.expiresAt <= this.clock.now()) throw expiredLink(found);
    return found;
  }

  /** Used by the demo seeding: a ready account with a password, in the caller's transaction. */
  async createActive(manager: EntityManager, input: { email: string; displayName: string; roles: Role[]; password: string }): Promise<User> {
    const passwordHash = await hashPassword(input.password, this.config.passwordHashCost);
    return manager.save(User, manager.create(User, { email: input.email.toLowerCase(), displayName: input.displayName, roles: input.roles, passwordHash, createdAt: this.clock.now(), disabledAt: null }));
  }
}

function expiredLink(invitation: Invitation): GoneError {
  const day = invitation.expiresAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  return new GoneError(UsersErrorCode.InvitationExpired, `This invitation link expired on ${day}; ask the person who invited you for a new one`);
}
