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
import { formError, formFields, validated } from './forms.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** Moderation meets over one organisation at a time: a page stays small whatever the size of the round. */
export const ORGANISATIONS_PER_PAGE = 1;

/** A page number from the address or a form; anything else is the first page. */
const pageNumber = (value: string | undefined): number => (value && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : 1);

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
      await this.show(user, req, res, id, { error: problem, errorFor: cellId({ bidId, criterionId, group: fields.group ?? '' }), form: fields }, problem.status, pageNumber(fields.page));
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200, page = 1): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const view = await loadOrNotYet(this.views, req, res, round, {
      tab: 'moderation', heading: 'Moderation', message: 'The individual marks are shown here once scoring has closed.',
    }, () => this.moderation.view(user, id, { page, perPage: ORGANISATIONS_PER_PAGE }));
    if (!view) return;
    const consistency = await this.insight.consistency(user, id);
    const sections = round.criteria as { questions: { id: string; key: string; title: string; type: string; scoredBy: string[] }[] }[];
    const columns = sections.flatMap((s) => s.questions).filter((q) => q.type === 'quality').flatMap((q) => q.scoredBy.map((group) => ({ criterionId: q.id, key: q.key, title: q.title, group })));
    const bids = [...new Map(view.items.map((i) => [i.bidId, i])).values()].map((i) => ({ bidId: i.bidId, supplierName: i.supplierName, ...(i.lotKey ? { lotKey: i.lotKey } : {}) }))
      .sort((a, b) => a.supplierName.localeCompare(b.supplierName) || (a.lotKey ?? '').localeCompare(b.lotKey ?? ''));
    const cells = new Map<string, ModerationCellDto>(view.items.map((i) => [cellId(i), i]));
    const scale = round.scale as { max: number; descriptors: { mark: number; label: string }[] };
    this.views.send(req, res, 'moderation', {
      title: `Moderation: ${round.title}`,
      round,
      view,
      disagreements: view.items.filter((i) => i.disagreement),
      consistency,
      columns,
      bids,
      cells,
      cellId,
      scale,
      checks: await this.summaries.reasonChecks(user, id),
      scripts: round.yourRole === 'lead' && round.state === 'moderation' ? ['/assets/reason-check.js'] : [],
      canRecord: round.yourRole === 'lead' && round.state === 'moderation',
      recorded: null,
      error: null,
      errorFor: null,
      form: {},
      ...extras,
    }, status);
  }
}
