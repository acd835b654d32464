import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { dateRange } from '../involvement/involvement-pdf.js';
import { InvolvementService } from '../involvement/involvement.service.js';
import type { User } from '../users/user.entity.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** A young partner's record of involvement, to keep for a CV: their own at /my-record; commissioners and auditors find anyone's. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller()
export class InvolvementPagesController {
  constructor(private readonly views: Views, private readonly involvement: InvolvementService) {}

  @Get('my-record')
  mine(@CurrentUser() user: User, @Res() res: Response): void {
    res.redirect(303, `/young-partners/${user.id}/record`);
  }

  @Get('young-partners')
  async list(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const youngPartners = await this.involvement.youngPartners(user);
    this.views.send(req, res, 'young-partners', { title: "Young partners' records of involvement", youngPartners });
  }

  @Get('young-partners/:userId/record')
  async record(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('userId') userId: string): Promise<void> {
    const record = await this.involvement.record(user, userId);
    const own = record.userId === user.id;
    this.views.send(req, res, 'involvement', { title: own ? 'What you have done' : `Record of involvement: ${record.name}`, narrow: true, record, own, dateRange });
  }

  @Get('young-partners/:userId/record.pdf')
  async pdf(@CurrentUser() user: User, @Res() res: Response, @Param('userId') userId: string): Promise<void> {
    const { file, fileName } = await this.involvement.pdf(user, userId);
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(file);
  }
}
