import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { Notifications } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import { formError } from './forms.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** The mail outbox for administrators: what was (or will be) sent, whether mail is configured, and sending a failed message again. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('admin/outbox')
export class OutboxPagesController {
  constructor(private readonly views: Views, private readonly notifications: Notifications) {}

  @Get()
  @Roles('administrator')
  async page(@Req() req: Request, @Res() res: Response, @Query('notice') notice?: string): Promise<void> {
    await this.show(req, res, { notice: notice === 'resent' ? 'The message is queued to be sent again.' : null });
  }

  @Post(':messageId/resend')
  @Roles('administrator')
  async resend(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('messageId') messageId: string): Promise<void> {
    try {
      await this.notifications.resend(user, messageId);
      res.redirect(303, '/admin/outbox?notice=resent');
    } catch (error) {
      const problem = formError(error);
      await this.show(req, res, { error: problem }, problem.status);
    }
  }

  private async show(req: Request, res: Response, extras: Record<string, unknown>, status = 200): Promise<void> {
    this.views.send(req, res, 'admin-outbox', { title: 'Mail outbox', outbox: await this.notifications.outbox(), notice: null, error: null, ...extras }, status);
  }
}
