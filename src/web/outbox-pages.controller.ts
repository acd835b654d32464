import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { Notifications } from '../notifications/notifications.service.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** The mail outbox for administrators: what was (or will be) sent, and whether mail is configured. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('admin/outbox')
export class OutboxPagesController {
  constructor(private readonly views: Views, private readonly notifications: Notifications) {}

  @Get()
  @Roles('administrator')
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.views.send(req, res, 'admin-outbox', { title: 'Mail outbox', outbox: await this.notifications.outbox() });
  }
}
