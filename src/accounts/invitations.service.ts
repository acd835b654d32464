import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { Notifications } from '../notifications/notifications.service.js';
import { Invitation } from '../users/invitation.entity.js';
import { newInvitationLink } from '../users/invitation-link.js';
import { mayGrant } from '../users/role.js';
import { User } from '../users/user.entity.js';
import { InvitationLinkDto, PendingInvitationDto } from '../users/user.dto.js';
import { UsersErrorCode } from '../users/users-error-codes.js';

/**
 * Invitations not yet accepted: listed, sent again (a new link; the old one stops working) or taken
 * back. Whoever may grant an account's roles (an administrator any; a commissioner panellists, see
 * role.ts) may see and manage its invitation; anyone else is told it does not exist.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: Notifications,
  ) {}

  async pending(actor: User): Promise<PendingInvitationDto[]> {
    const now = this.clock.now();
    return this.db.read(async (manager) => {
      const open = await manager.find(Invitation, { where: { usedAt: IsNull(), revokedAt: IsNull() }, relations: { user: true }, order: { createdAt: 'DESC' } });
      const visible = open.filter((i) => i.user && i.user.passwordHash === null && mayGrant(actor.roles, i.user.roles));
      const inviterIds = [...new Set(visible.map((i) => i.invitedById).filter((id): id is string => id !== null))];
      const inviters = new Map((inviterIds.length ? await manager.findBy(User, inviterIds.map((id) => ({ id }))) : []).map((u) => [u.id, u.displayName]));
      return visible.map((i) => PendingInvitationDto.from(i, i.user!, i.invitedById ? inviters.get(i.invitedById) ?? null : null, now));
    });
  }

  /** A new link (valid seven days from now) replaces the old one, which stops working; the message goes out again. */
  async resend(actor: User, invitationId: string): Promise<InvitationLinkDto> {
    const now = this.clock.now();
    const link = newInvitationLink(this.config.publicUrl, now);
    await this.db.write(async (manager) => {
      const { invitation, user } = await this.managed(manager, actor, invitationId);
      await manager.update(Invitation, { id: invitation.id }, { tokenHash: link.tokenHash, expiresAt: link.expiresAt });
      await this.notifications.invited(manager, now, user, link);
      await this.audit.record(manager, { type: 'invitation.resent', actorId: actor.id, payload: { userId: user.id, invitationId: invitation.id, expiresAt: link.expiresAt.toISOString() } });
    });
    return { url: link.url, token: link.token, expiresAt: link.expiresAt.toISOString() };
  }

  /** The link stops working at once; the account stays unused and can be invited again later. */
  async revoke(actor: User, invitationId: string): Promise<void> {
    await this.db.write(async (manager) => {
      const { invitation, user } = await this.managed(manager, actor, invitationId);
      await manager.update(Invitation, { id: invitation.id }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, { type: 'invitation.revoked', actorId: actor.id, payload: { userId: user.id, invitationId: invitation.id } });
    });
  }

  private async managed(manager: EntityManager, actor: User, invitationId: string): Promise<{ invitation: Invitation; user: User }> {
    const invitation = /^[0-9a-f-]{36}$/i.test(invitationId) ? await manager.findOne(Invitation, { where: { id: invitationId }, relations: { user: true } }) : null;
    if (!invitation?.user || !mayGrant(actor.roles, invitation.user.roles)) throw new NotFoundError(UsersErrorCode.ManagedInvitationNotFound, 'Invitation not found');
    if (invitation.usedAt) throw new ConflictError(UsersErrorCode.InvitationClosed, `${invitation.user.displayName} has already accepted this invitation`);
    if (invitation.revokedAt) throw new ConflictError(UsersErrorCode.InvitationClosed, 'This invitation has already been taken back; invite them again instead');
    return { invitation, user: invitation.user };
  }
}
