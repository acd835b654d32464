import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { CommonErrorCode } from '../common/common-error-codes.js';
import { toErrorBody } from '../common/http-exception.filter.js';
import { Page } from '../auth/auth.guard.js';
import { BidsService } from '../bids/bids.service.js';
import { DeclareConflictDto } from '../panel/panel.dto.js';
import { PanelService } from '../panel/panel.service.js';
import { MIN_JUSTIFICATION, SaveScoreDto } from '../scoring/scoring.dto.js';
import { ScoringService } from '../scoring/scoring.service.js';
import type { User } from '../users/user.entity.js';
import { formError, formFields, pageNumber, validated } from './forms.js';
import { wordsIn } from './glossary.js';
import { Views, type FormError } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { CONFLICTS_DECLARABLE } from '../round-core/round-stages.js';

/**
 * A panellist's pages, in plain words: say whether you know any of the organisations, then score their
 * answers one organisation at a time, check, and send. Every rule is the ScoringService's and PanelService's.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/score')
export class ScoringPagesController {
  constructor(private readonly views: Views, private readonly scoring: ScoringService, private readonly panel: PanelService, private readonly bids: BidsService) {}

  @Get()
  async overview(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('sent') sent?: string, @Query('page') page?: string): Promise<void> {
    await this.showOverview(user, req, res, id, { sent: !!sent }, 200, pageNumber(page));
  }

  @Post('conflicts')
  async declare(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    let problem: FormError & { status: number };
    try {
      const dto = await validated(DeclareConflictDto, fields.choice === 'none' ? {} : { bidId: fields.bidId || undefined, interest: fields.interest ?? '' });
      if (fields.choice === 'none' || dto.bidId) {
        await this.panel.declare(user, id, dto);
        return res.redirect(303, `/rounds/${id}/score`);
      }
      problem = { status: 400, code: CommonErrorCode.RequestInvalid, message: 'Choose the organisation you know.', fields: { bidId: 'Choose the organisation you know' } };
    } catch (error) {
      problem = formError(error, { interest: 'How you know them', bidId: 'Organisation' });
    }
    if (problem.fields?.interest) problem.fields.interest = 'Tell us in a few words how you know them';
    await this.showOverview(user, req, res, id, { error: problem, form: fields }, problem.status);
  }

  @Get('bids/:bidId')
  async bid(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string, @Query('saved') saved?: string): Promise<void> {
    await this.showBid(user, req, res, id, bidId, { saved: saved ?? null });
  }

  @Post('bids/:bidId/questions/:criterionId')
  async save(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string, @Param('criterionId') criterionId: string): Promise<void> {
    const fields = formFields(req);
    const justification = (fields.justification ?? '').trim();
    const friendly: Record<string, string> = {};
    if (fields.mark === undefined || fields.mark === '') friendly.mark = 'Pick the mark that fits best.';
    if (justification.length < MIN_JUSTIFICATION) {
      friendly.justification = justification.length === 0
        ? 'Tell us why you chose this mark. A sentence is plenty.'
        : `Could you say a little more? A few more words about why helps everyone (at least ${MIN_JUSTIFICATION} letters).`;
    }
    const form = { mark: fields.mark ?? '', justification: fields.justification ?? '' };
    if (Object.keys(friendly).length > 0) {
      return this.showBid(user, req, res, id, bidId, { error: { status: 400, code: CommonErrorCode.RequestInvalid, message: 'Nearly there', fields: friendly }, errorFor: criterionId, form }, 400);
    }
    try {
      const dto = await validated(SaveScoreDto, { mark: Number(fields.mark), justification });
      const save = () => this.scoring.saveScore(user, id, bidId, criterionId, dto);
      // The page's autosave may have saved this cell's first mark a moment before this post (leaving the
      // box starts it): on PostgreSQL the two first saves meet the unique index, so save again, as a change.
      await save().catch((error: unknown) => (toErrorBody(error).code === CommonErrorCode.Duplicate ? save() : Promise.reject(error)));
      const questions = (await this.scoring.myBid(user, id, bidId))?.mine.bids[0]?.questions ?? [];
      const next = questions.find((q) => !q.score) ?? null;
      res.redirect(303, `/rounds/${id}/score/bids/${bidId}?saved=${encodeURIComponent(criterionId)}#${next ? `q-${next.criterionId}` : 'after-questions'}`);
    } catch (error) {
      const problem = formError(error, { mark: 'Mark', justification: 'Why this mark?' });
      await this.showBid(user, req, res, id, bidId, { error: problem, errorFor: criterionId, form }, problem.status);
    }
  }

  @Get('check')
  async check(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('page') page?: string): Promise<void> {
    await this.showCheck(user, req, res, id, {}, 200, pageNumber(page));
  }

  @Post('submit')
  async submit(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    try {
      await this.scoring.submit(user, id);
      res.redirect(303, `/rounds/${id}/score?sent=1`);
    } catch (error) {
      const problem = formError(error);
      await this.showCheck(user, req, res, id, { error: problem }, problem.status);
    }
  }

  private async showOverview(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200, page = 1): Promise<void> {
    const mine = await this.scoring.myScoring(user, id, { page, withAnswers: false });
    const declaring = !mine.conflictsDeclared && CONFLICTS_DECLARABLE.has(mine.state);
    // A practice bid is made up: there is nobody to know.
    const organisations = declaring ? (await this.bids.list(user, id)).filter((b) => !b.practice).map((b) => ({ id: b.id, name: b.supplierName })) : [];
    const [declarations] = declaring ? await this.panel.conflicts(user, id) : [null];
    this.views.send(req, res, 'score-overview', {
      title: mine.title,
      plain: mine.group === 'youngPartner',
      mine,
      declaring,
      organisations: organisations.filter((o) => !declarations?.conflicts.some((c) => c.bidId === o.id)),
      declared: declarations?.conflicts ?? [],
      perBid: mine.bids,
      form: {},
      ...extras,
    }, status);
  }

  private async showBid(user: User, req: Request, res: Response, id: string, bidId: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const one = await this.scoring.myBid(user, id, bidId);
    if (!one) {
      // Not assigned (recused, excluded, not open yet or unknown): nothing about it is shown.
      return this.views.send(req, res, 'refused', { title: 'Not available', heading: 'This page is not available to you', reason: 'access' }, 404);
    }
    const { mine, index, previous, next } = one;
    const bid = mine.bids[0];
    this.views.send(req, res, 'score-bid', {
      title: `${bid.supplierName}: ${mine.title}`,
      plain: mine.group === 'youngPartner',
      mine,
      bid,
      index,
      previous,
      next,
      youngPartner: mine.group === 'youngPartner',
      glossary: mine.group === 'youngPartner' ? wordsIn(bid.questions.map((q) => q.response)) : [],
      minJustification: MIN_JUSTIFICATION,
      saved: null,
      error: null,
      errorFor: null,
      form: {},
      scripts: mine.open ? ['/assets/autosave.js'] : [],
      ...extras,
    }, status);
  }

  private async showCheck(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200, page = 1): Promise<void> {
    const mine = await this.scoring.myScoring(user, id, { page });
    this.views.send(req, res, 'score-check', { title: `Check and send: ${mine.title}`, plain: mine.group === 'youngPartner', mine, left: mine.progress.total - mine.progress.scored, error: null, ...extras }, status);
  }
}

