import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { ComplianceDecisionDto, PracticeBidDto, RegisterBidDto } from '../bids/bid.dto.js';
import { BidsService } from '../bids/bids.service.js';
import { Clock } from '../common/clock.js';
import { BusinessRuleError, ForbiddenError } from '../common/errors.js';
import { AddPanelMemberDto } from '../panel/panel.dto.js';
import { PanelService } from '../panel/panel.service.js';
import { RoundDefinitionDto } from '../rounds/round-definition.dto.js';
import { ConflictsAssessmentDto, RoundEventDto, type RoundDto } from '../rounds/round.dto.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { StatementsService } from '../statements/statements.service.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../accounts/users.service.js';
import { Csrf } from './csrf.js';
import { refuseForgery } from './csrf.middleware.js';
import { parseDefinitionText } from './definition-text.js';
import { formError, formFields, pageNumber, validated, NOTHING_POSTED } from './forms.js';
import { askToConfirm, needsConfirmation } from './confirmation.js';
import { CONFIRM_EVENTS, REASON_PROMPTS } from './labels.js';
import { Notifications } from '../notifications/notifications.service.js';
import { whereJsonBreaks } from '../common/request-input.js';
import { FileUpload, refuseOversizeUpload } from './uploads.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { workflowSvg, type WorkflowShape } from './workflow-diagram.js';
import { WebErrorCode } from './web-error-codes.js';

const NOTICES: Record<string, string> = {
  created: 'The round has been created as a draft.',
  moved: 'Done: the round has moved on.',
  member: 'Added to the panel.',
  assessment: 'The conflicts assessment has been recorded.',
  bid: 'The bid has been registered.',
  practice: 'The practice bid has been added: every panellist scores it first, and it never counts.',
  compliance: 'The compliance decision has been recorded.',
  cited: 'The statements this question answers have been saved.',
  reminded: 'Reminders sent to everyone who has not sent their scores yet.',
  removed: 'Removed from the panel.',
  withdrawn: 'The withdrawal has been recorded: their scores no longer count.',
};
/** Bids a page on the round's page: the page stays the same size whatever the number of bids. */
const ROUND_PAGE_BIDS = 25;
const BACK_TO: Record<string, (id: string) => string> = {
  round: (id) => `/rounds/${id}`,
  results: (id) => `/rounds/${id}/results`,
  moderation: (id) => `/rounds/${id}/moderation`,
};

/**
 * The commissioner's round page: the workflow with where the round is now, what can be done next and
 * what blocks the rest, the timetable, the panel and its progress, bids and compliance. Auditors read it.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds')
export class RoundPagesController {
  constructor(
    private readonly views: Views,
    private readonly csrf: Csrf,
    private readonly rounds: RoundsService,
    private readonly panel: PanelService,
    private readonly bids: BidsService,
    private readonly scoring: ScoringService,
    private readonly users: UsersService,
    private readonly statements: StatementsService,
    private readonly notifications: Notifications,
    private readonly clock: Clock,
  ) {}

  @Get('new')
  @Roles('commissioner')
  newRound(@Req() req: Request, @Res() res: Response): void {
    this.views.send(req, res, 'round-new', { title: 'Start a new round', definition: '' });
  }

  @Post()
  @Roles('commissioner')
  @UseInterceptors(FileUpload('definitionFile'))
  async create(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @UploadedFile() file?: { buffer: Buffer }): Promise<void> {
    // The token travels inside the multipart body, so it is checked here, once the body is parsed.
    if (!this.csrf.valid(req)) return refuseForgery(req, res, this.views);
    const fields = formFields(req);
    const text = file && file.buffer.length > 0 ? file.buffer.toString('utf8') : (fields.definition ?? '');
    try {
      refuseOversizeUpload(req, 'a round definition');
      if (!text.trim()) throw new BusinessRuleError(WebErrorCode.DefinitionMissing, 'Choose a definition file, or paste the definition into the box');
      const json = parseDefinitionText(text);
      const definition = await validated(RoundDefinitionDto, json);
      const round = await this.rounds.create(user, definition);
      res.redirect(303, `/rounds/${round.id}?notice=created`);
    } catch (error) {
      const problem = formError(error);
      this.views.send(req, res, 'round-new', { title: 'Start a new round', definition: file ? '' : text, error: problem }, problem.status);
    }
  }

  @Get(':id')
  async round(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string, @Query('bidsPage') bidsPage?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: notice ? NOTICES[notice] ?? null : null }, 200, pageNumber(bidsPage));
  }

  @Post(':id/events')
  async event(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    const back = BACK_TO[fields.back ?? 'round'] ?? BACK_TO.round;
    try {
      const dto = await validated(RoundEventDto, { type: fields.type, ...(fields.reason?.trim() ? { reason: fields.reason } : {}) });
      const weighty = CONFIRM_EVENTS[dto.type];
      if (weighty && (!weighty.onlyWithReason || dto.reason) && needsConfirmation(req)) {
        return askToConfirm(this.views, req, res, { ...weighty, reason: dto.reason ?? null, back: back(id) });
      }
      await this.rounds.sendEvent(user, id, dto.type, dto.reason);
      res.redirect(303, `${back(id)}?notice=moved`);
    } catch (error) {
      const problem = formError(error, { type: 'Action', reason: 'Reason' });
      await this.show(user, req, res, id, { error: problem, errorFor: fields.type, form: fields }, problem.status);
    }
  }

  @Post(':id/reminders')
  async remind(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    try {
      await this.notifications.remind(user, id);
      res.redirect(303, `/rounds/${id}?notice=reminded#progress`);
    } catch (error) {
      const problem = formError(error, {});
      await this.show(user, req, res, id, { error: problem, errorFor: 'reminders' }, problem.status);
    }
  }

  @Post(':id/panel')
  async addMember(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    try {
      const email = (fields.email ?? '').trim();
      const member = email ? await this.users.findByEmail(email) : null;
      if (!member) throw new BusinessRuleError(WebErrorCode.PersonNotFound, email ? `Nobody has an account with the email ${email}: invite them first` : 'Type the email of the person to add', { field: 'email' });
      const dto = await validated(AddPanelMemberDto, { userId: member.id, group: fields.group, seesPrice: fields.seesPrice === 'yes' });
      await this.panel.addMember(user, id, dto);
      res.redirect(303, `/rounds/${id}?notice=member#panel`);
    } catch (error) {
      const problem = formError(error, { group: 'Group' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'panel', form: fields }, problem.status);
    }
  }

  @Post(':id/conflicts-assessment')
  async conflictsAssessment(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(ConflictsAssessmentDto, { summary: fields.summary ?? '' });
      await this.rounds.recordConflictsAssessment(user, id, dto.summary);
      res.redirect(303, `/rounds/${id}?notice=assessment`);
    } catch (error) {
      const problem = formError(error, { summary: 'Conflicts assessment' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'assessment', form: fields }, problem.status);
    }
  }

  @Post(':id/bids')
  async registerBid(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    const responses = postedResponses(req);
    try {
      const dto = await validated(RegisterBidDto, {
        supplierName: fields.supplierName ?? '',
        responses,
        ...(fields.lotKey !== undefined ? { lotKey: fields.lotKey } : {}),
        ...(fields.price?.trim() ? { price: fields.price.trim().replace(/[£,\s]/g, '') } : {}),
        ...(fields.receivedAt?.trim() ? { receivedAt: localInstant(fields.receivedAt) } : {}),
      });
      await this.bids.register(user, id, dto);
      res.redirect(303, `/rounds/${id}?notice=bid#bids`);
    } catch (error) {
      const problem = formError(error, { supplierName: 'Supplier', lotKey: 'Lot', price: 'Price', responses: 'Answers', receivedAt: 'Received at' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'bid', form: fields, responses }, problem.status);
    }
  }

  @Post(':id/bids/practice')
  async addPracticeBid(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    const responses = postedResponses(req);
    try {
      await this.bids.addPractice(user, id, await validated(PracticeBidDto, { supplierName: fields.supplierName ?? '', responses }));
      res.redirect(303, `/rounds/${id}?notice=practice#bids`);
    } catch (error) {
      const problem = formError(error, { supplierName: 'Made-up organisation', responses: 'Answers' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'practice', form: fields, responses }, problem.status);
    }
  }

  @Post(':id/bids/:bidId/compliance')
  async compliance(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(ComplianceDecisionDto, { decision: fields.decision, ...(fields.reason?.trim() ? { reason: fields.reason } : {}) });
      if (needsConfirmation(req)) {
        const bid = await this.bids.get(user, id, bidId).catch(() => null);
        const name = bid?.supplierName ?? 'this bid';
        return askToConfirm(this.views, req, res, dto.decision === 'excluded'
          ? { heading: `Exclude ${name}?`, consequence: `${name} will not be scored or ranked, and the reason is given to them.`, yes: `Yes, exclude ${name}`, reason: dto.reason ?? null, back: `/rounds/${id}#bids`, danger: true }
          : { heading: `${name}: compliant?`, consequence: `${name} passed every compliance check and goes on to be scored.`, yes: `Yes, ${name} is compliant`, back: `/rounds/${id}#bids` });
      }
      await this.bids.decideCompliance(user, id, bidId, dto);
      // Back to the page of bids the decision was made on.
      res.redirect(303, fields.back === 'bid' ? `/rounds/${id}/bids/${bidId}?notice=compliance` : `/rounds/${id}?notice=compliance&bidsPage=${pageNumber(fields.bidsPage)}#bids`);
    } catch (error) {
      const problem = formError(error, { decision: 'Decision', reason: 'Reason' });
      await this.show(user, req, res, id, { error: problem, errorFor: `compliance-${bidId}`, form: fields }, problem.status, pageNumber(fields.bidsPage));
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200, bidsPage = 1): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const [workflow, history, progress, firstTry, conflicts, coverage] = await Promise.all([
      this.rounds.workflow(user, id),
      this.rounds.history(user, id),
      this.scoring.progress(user, id),
      this.bids.page(user, id, { page: bidsPage, perPage: ROUND_PAGE_BIDS }),
      this.panel.conflicts(user, id),
      this.statements.coverage(user, id),
    ]);
    // A page past the end (bookmarked, or bids since excluded from view) shows the last page instead.
    const bids = firstTry.page > firstTry.pages ? await this.bids.page(user, id, { page: firstTry.pages, perPage: ROUND_PAGE_BIDS }) : firstTry;
    const passed = new Set(history.map((h) => h.from));
    const isLead = round.yourRole === 'lead';
    const questions = (round.criteria as { key: string; title: string; weight: string; questions: { key: string; title: string; type: string; weight: string; threshold: number | null; scoredBy: string[] }[] }[]);
    this.views.send(req, res, 'round', {
      title: round.title,
      round,
      isLead,
      diagram: await workflowSvg(workflow as unknown as WorkflowShape, passed),
      transitions: workflow.transitions,
      states: workflow.states,
      history,
      progress,
      bids,
      conflicts,
      coverage,
      sections: questions,
      answerable: questions.flatMap((s) => s.questions).filter((q) => q.type !== 'price'),
      hasPrice: questions.some((s) => s.questions.some((q) => q.type === 'price')),
      reasonPrompts: REASON_PROMPTS,
      deadlinePassed: round.state === 'draft' && !!round.timetable.tenderDeadline && new Date(round.timetable.tenderDeadline) <= this.clock.now(),
      ...NOTHING_POSTED,
      responses: {},
      ...extras,
    }, status);
  }
}

/** The round pages are the lead's and the auditors'; a panellist has their own pages, and sees nothing here. */
export function assertLeadOrAuditor(round: RoundDto): void {
  if (round.yourRole === 'panellist') throw new ForbiddenError(WebErrorCode.LeadOrAuditorOnly, 'This page is for the round lead and auditors');
}

/** The form's local date-time as an ISO instant; text that is not a date goes on as typed, for the validator to name. */
export function localInstant(value: string): string {
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

/** The answers a bid form posted (responses[KEY]), leaving out the empty ones. */
function postedResponses(req: Request): Record<string, string> {
  const posted = (req.body as { responses?: unknown }).responses;
  return Object.fromEntries(
    Object.entries(posted && typeof posted === 'object' ? (posted as Record<string, unknown>) : {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''),
  );
}
