import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { InvitationsService } from './invitations.service.js';
import { InvitationLinkDto, PendingInvitationDto } from '../users/user.dto.js';
import type { User } from '../users/user.entity.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('users')
@ApiSignedIn()
@Controller('api/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Roles('administrator', 'commissioner')
  @ApiOperation({ summary: 'Invitations not yet accepted, newest first: every one for an administrator, panellists\' for a commissioner' })
  @ApiOkResponse({ type: PendingInvitationDto, isArray: true })
  list(@CurrentUser() actor: User): Promise<PendingInvitationDto[]> {
    return this.invitations.pending(actor);
  }

  @Post(':invitationId/resend')
  @HttpCode(200)
  @Roles('administrator', 'commissioner')
  @ApiOperation({ summary: 'Send the invitation again with a new link valid for 7 days; the old link stops working (audited)' })
  @ApiOkResponse({ type: InvitationLinkDto })
  @ApiNotFoundResponse({ description: 'No such pending invitation that you may manage' })
  resend(@CurrentUser() actor: User, @Param('invitationId') id: string): Promise<InvitationLinkDto> {
    return this.invitations.resend(actor, id);
  }

  @Post(':invitationId/revoke')
  @HttpCode(204)
  @Roles('administrator', 'commissioner')
  @ApiOperation({ summary: 'Take an invitation back: its link stops working at once (audited); the person can be invited again later' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such pending invitation that you may manage' })
  revoke(@CurrentUser() actor: User, @Param('invitationId') id: string): Promise<void> {
    return this.invitations.revoke(actor, id);
  }
}
