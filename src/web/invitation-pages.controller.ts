import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { InvitationsService } from '../accounts/invitations.service.js';
import { ROLES, mayGrant, type Role } from '../users/role.js';
import { CreateUserDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../accounts/users.service.js';
import { formError, formFields, validated } from './forms.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const NOTICES: Record<string, string> = {
  invited: 'Invitation sent. It is in the list below until they choose a password.',
  resent: 'Sent again with a new link; the old link no longer works.',
  revoked: 'Invitation taken back: its link no longer works.',
};

/**
 * Inviting people and the invitations still waiting: a commissioner invites panellists, an administrator
 * anyone (role.ts mayGrant); each pending invitation can be sent again or taken back.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('invitations')
export class InvitationPagesController {
  constructor(private readonly views: Views, private readonly users: UsersService, private readonly invitations: InvitationsService) {}

  @Get()
  @Roles('administrator', 'commissioner')
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, { notice: notice ? NOTICES[notice] ?? null : null });
  }

  @Post()
  @Roles('administrator', 'commissioner')
  async invite(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const fields = formFields(req);
    const roles = postedRoles(req, user);
    try {
      const dto = await validated(CreateUserDto, { email: fields.email ?? '', displayName: fields.displayName ?? '', roles });
      await this.users.invite(user, dto);
      res.redirect(303, '/invitations?notice=invited');
    } catch (error) {
      const problem = formError(error, { email: 'Email address', displayName: 'Name', roles: 'What they will do' });
      await this.show(user, req, res, { error: problem, form: fields, roles }, problem.status);
    }
  }

  @Post(':invitationId/resend')
  @Roles('administrator', 'commissioner')
  resend(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('invitationId') id: string): Promise<void> {
    return this.act(user, req, res, id, 'resend');
  }

  @Post(':invitationId/revoke')
  @Roles('administrator', 'commissioner')
  revoke(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('invitationId') id: string): Promise<void> {
    return this.act(user, req, res, id, 'revoke');
  }

  private async act(user: User, req: Request, res: Response, id: string, action: 'resend' | 'revoke'): Promise<void> {
    try {
      if (action === 'resend') await this.invitations.resend(user, id);
      else await this.invitations.revoke(user, id);
      res.redirect(303, `/invitations?notice=${action === 'resend' ? 'resent' : 'revoked'}`);
    } catch (error) {
      const problem = formError(error);
      await this.show(user, req, res, { error: problem }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, extras: Record<string, unknown>, status = 200): Promise<void> {
    this.views.send(req, res, 'invitations', {
      title: 'Invite people',
      pending: await this.invitations.pending(user),
      grantable: ROLES.filter((role) => mayGrant(user.roles, [role])),
      notice: null,
      error: null,
      form: {},
      roles: [],
      ...extras,
    }, status);
  }
}

/** The roles ticked on the form; a commissioner's form has only one choice (panellist), so it is implied. */
function postedRoles(req: Request, user: User): Role[] {
  const posted = (req.body as { roles?: unknown }).roles;
  const list = (Array.isArray(posted) ? posted : posted === undefined ? [] : [posted]).filter((r): r is Role => typeof r === 'string') as Role[];
  const grantable = ROLES.filter((role) => mayGrant(user.roles, [role]));
  return list.length === 0 && grantable.length === 1 ? [...grantable] : list;
}
