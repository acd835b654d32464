import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { MarkSentDto, ReasonNoteDto } from '../award/assessment-summary.dto.js';
import { SummariesService } from '../award/summaries.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { RecordConsensusDto } from '../scoring/moderation.dto.js';
import { ModerationService } from '../scoring/moderation.service.js';
import type { User } from '../users/user.entity.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { loadOrNotYet } from './not-yet.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const NOTICES: Record<string, string> = {
  sent: 'Marked sent: the date and the hash of the PDF are recorded.',
  noted: 'Recorded why the reason stands.',
  reworded: 'The reason is reworded: a new consensus version is recorded.',
};

/**
 * Assessment summaries: the reasons the check flags, each bidder's summary (page and PDF), and marking
 * them sent before the award notice.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/summaries')
export class SummariesPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly summaries: SummariesService, private readonly moderation: ModerationService) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: NOTICES[notice ?? ''] ?? null });
  }

  /** The reason check of a reason being written on the moderation page (JSON for its script). */
  @Get('check')
  async check(@CurrentUser() user: User, @Res() res: Response, @Param('id') id: string, @Query('bidId') bidId = '', @Query('criterionId') criterionId = '', @Query('reason') reason = ''): Promise<void> {
    const check = await this.summaries.checkDraft(user, id, { bidId, criterionId, reason: reason.slice(0, 4000) });
    res.status(200).setHeader('Cache-Control', 'no-store').json(check);
  }

  @Get(':bidId')
  async summary(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const { summary, sent } = await this.summaries.summary(user, id, bidId);
    this.views.send(req, res, 'summary', { title: `Assessment summary: ${summary.supplierName}`, round, summary, sent });
  }

  @Get(':bidId/pdf')
  async pdf(@CurrentUser() user: User, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string): Promise<void> {
    const { file, fileName } = await this.summaries.pdf(user, id, bidId);
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(file);
  }

  @Post(':bidId/sent')
  async markSent(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(MarkSentDto, fields.sentOn?.trim() ? { sentOn: fields.sentOn.trim() } : {});
      await this.summaries.markSent(user, id, bidId, dto.sentOn);
      res.redirect(303, `/rounds/${id}/summaries?notice=sent`);
    } catch (error) {
      await this.show(user, req, res, id, { error: formError(error, { sentOn: 'Date sent' }), errorFor: `sent-${bidId}` }, formError(error).status);
    }
  }

  @Post('notes')
  async note(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    try {
      await this.summaries.recordReasonNote(user, id, await validated(ReasonNoteDto, fields));
      res.redirect(303, `/rounds/${id}/summaries?notice=noted#weak-h`);
    } catch (error) {
      const problem = formError(error, { note: 'Why the reason stands' });
      await this.show(user, req, res, id, { error: problem, errorFor: `weak-${fields.bidId}-${fields.criterionId}-${fields.group}`, form: fields }, problem.status);
    }
  }

  @Post('reword/:bidId/:criterionId')
  async reword(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string, @Param('criterionId') criterionId: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(RecordConsensusDto, { group: fields.group, mark: Number(fields.mark), reason: fields.reason, version: Number(fields.version) });
      await this.moderation.record(user, id, bidId, criterionId, dto);
      res.redirect(303, `/rounds/${id}/summaries?notice=reworded#weak-h`);
    } catch (error) {
      const problem = formError(error, { reason: 'Reworded reason' });
      await this.show(user, req, res, id, { error: problem, errorFor: `weak-${bidId}-${criterionId}-${fields.group}`, form: fields }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const overview = await loadOrNotYet(this.views, req, res, round, {
      tab: 'summaries', heading: 'Assessment summaries', message: 'Each bidder’s assessment summary is prepared here once the preferred bidder has been recorded.',
    }, () => this.summaries.overview(user, id));
    if (!overview) return;
    this.views.send(req, res, 'summaries', {
      title: `Assessment summaries: ${round.title}`,
      round,
      overview,
      isLead: round.yourRole === 'lead',
      canAct: round.yourRole === 'lead' && overview.canMarkSent,
      issueBlocked: round.blocked.find((b) => b.event === 'ISSUE_AWARD_NOTICE') ?? null,
      canIssue: round.yourRole === 'lead' && round.allowedEvents.includes('ISSUE_AWARD_NOTICE'),
      ...NOTHING_POSTED,
      ...extras,
    }, status);
  }
}
