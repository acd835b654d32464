import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { loadOrNotYet } from './not-yet.js';
import { InsightService } from '../insight/insight.service.js';
import { SummariesService } from '../award/summaries.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { RecordConsensusDto, type ModerationCellDto } from '../scoring/moderation.dto.js';
import { ModerationService } from '../scoring/moderation.service.js';
import type { User } from '../users/user.entity.js';
import { GROUP_LABELS, PANEL_GROUPS } from '../domain/panel-group.js';
import type { RoundDto } from '../rounds/round.dto.js';
import { isUuid } from '../round-core/round-commands.js';
import { formError, formFields, pageNumber, validated } from './forms.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** Moderation meets over one organisation at a time: a page stays small whatever the size of the round. */
export const ORGANISATIONS_PER_PAGE = 1;

/** Agreed marks are recorded by the lead while the round is in moderation. */
const canRecord = (round: RoundDto) => round.yourRole === 'lead' && round.state === 'moderation';

export const cellId = (c: { bidId: string; criterionId: string; group: string }) => `cell-${c.bidId}-${c.criterionId}-${c.group}`;

/**
 * Moderation, a page of organisations at a time: where the panel disagrees most comes first, then a heat
 * map of the spread of marks for each organisation and question, then each cell's marks and reasons side
 * by side with the form for the agreed mark.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/moderation')
export class ModerationPagesController {
  constructor(
    private readonly views: Views,
    private readonly rounds: RoundsService,
    private readonly moderation: ModerationService,
    private readonly insight: InsightService,
    private readonly summaries: SummariesService,
  ) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('recorded') recorded?: string, @Query('page') page?: string): Promise<void> {
    await this.show(user, req, res, id, { recorded: recorded ?? null }, 200, pageNumber(page));
  }

  /**
   * How consistent the panel was, worked out over every mark of the round: its own page (linked from
   * moderation), so a page of moderation stays the size of one organisation.
   */
  @Get('consistency')
  async consistency(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const consistency = await loadOrNotYet(this.views, req, res, round, {
      tab: 'moderation', heading: "The panel's consistency", message: 'How consistent the panel was is worked out once scoring has started.',
    }, () => this.insight.consistency(user, id));
    if (!consistency) return;
    this.views.send(req, res, 'moderation-consistency', { title: `How consistent was the panel: ${round.title}`, round, consistency });
  }

  /** One cell: the panel's reasons side by side and the form for the agreed mark (the organisation's page shows only the marks). */
  @Get(':bidId/:criterionId/:group')
  async cell(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string, @Param('criterionId') criterionId: string, @Param('group') group: string, @Query('page') page?: string): Promise<void> {
    await this.showCell(user, req, res, id, { bidId, criterionId, group }, {}, 200, pageNumber(page));
  }

  @Post(':bidId/:criterionId')
  async record(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string, @Param('criterionId') criterionId: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(RecordConsensusDto, {
        group: fields.group,
        mark: fields.mark === undefined || fields.mark === '' ? undefined : Number(fields.mark),
        ...(fields.reason?.trim() ? { reason: fields.reason } : {}),
        ...(fields.version ? { version: Number(fields.version) } : {}),
      });
      const cell = await this.moderation.record(user, id, bidId, criterionId, dto);
      res.redirect(303, `/rounds/${id}/moderation?page=${pageNumber(fields.page)}&recorded=${encodeURIComponent(cellId(cell))}#${cellId(cell)}`);
    } catch (error) {
      const problem = formError(error, { mark: 'Agreed mark', reason: 'How the group agreed', group: 'Group' });
      await this.showCell(user, req, res, id, { bidId, criterionId, group: fields.group ?? '' }, { error: problem, errorFor: cellId({ bidId, criterionId, group: fields.group ?? '' }), form: fields }, problem.status, pageNumber(fields.page));
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200, page = 1): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const view = await loadOrNotYet(this.views, req, res, round, {
      tab: 'moderation', heading: 'Moderation', message: 'The individual marks are shown here once scoring has closed.',
    }, () => this.moderation.view(user, id, { page, perPage: ORGANISATIONS_PER_PAGE, reasons: false }));
    if (!view) return;
    const sections = round.criteria as { questions: { id: string; key: string; title: string; type: string; scoredBy: string[] }[] }[];
    const columns = sections.flatMap((s) => s.questions).filter((q) => q.type === 'quality').flatMap((q) => q.scoredBy.map((group) => ({ criterionId: q.id, key: q.key, title: q.title, group })));
    const bids = [...new Map(view.items.map((i) => [i.bidId, i])).values()].map((i) => ({ bidId: i.bidId, supplierName: i.supplierName, ...(i.lotKey ? { lotKey: i.lotKey } : {}) }))
      .sort((a, b) => a.supplierName.localeCompare(b.supplierName) || (a.lotKey ?? '').localeCompare(b.lotKey ?? ''));
    const cells = new Map<string, ModerationCellDto>(view.items.map((i) => [cellId(i), i]));
    this.views.send(req, res, 'moderation', {
      title: `Moderation: ${round.title}`,
      round,
      view,
      disagreements: view.items.filter((i) => i.disagreement),
      columns,
      bids,
      cells,
      cellId,
      checks: await this.summaries.reasonChecks(user, id, { bidIds: bids.map((b) => b.bidId) }),
      canRecord: canRecord(round),
      recorded: null,
      error: null,
      ...extras,
    }, status);
  }

  private async showCell(user: User, req: Request, res: Response, id: string, cell: { bidId: string; criterionId: string; group: string }, extras: Record<string, unknown>, status = 200, page = 1): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const group = PANEL_GROUPS.find((g) => g === cell.group);
    const view = await loadOrNotYet(this.views, req, res, round, {
      tab: 'moderation', heading: 'Moderation', message: 'The individual marks are shown here once scoring has closed.',
    }, () => (group && isUuid(cell.bidId) && isUuid(cell.criterionId) ? this.moderation.view(user, id, { ...cell, group }) : Promise.resolve(null)));
    if (view === null && res.headersSent) return;
    const c = view?.items[0];
    if (!c) return this.views.send(req, res, 'refused', { title: 'Not available', heading: 'This page is not available to you', reason: 'access' }, 404);
    this.views.send(req, res, 'moderation-cell', {
      title: `Moderation: ${c.supplierName}, ${c.key} (${GROUP_LABELS[c.group]}s): ${round.title}`,
      round,
      c,
      page,
      cellId,
      scale: round.scale as { max: number; descriptors: { mark: number; label: string }[] },
      checks: await this.summaries.reasonChecks(user, id, { bidIds: [c.bidId] }),
      scripts: canRecord(round) ? ['/assets/reason-check.js'] : [],
      canRecord: canRecord(round),
      error: null,
      errorFor: null,
      form: {},
      ...extras,
    }, status);
  }
}
