import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { BidsService } from '../bids/bids.service.js';
import { NotYetVisibleError } from '../common/errors.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { ModerationCellDto } from '../scoring/moderation.dto.js';
import { ModerationService } from '../scoring/moderation.service.js';
import type { User } from '../users/user.entity.js';
import { cellId, ORGANISATIONS_PER_PAGE } from './moderation-pages.controller.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

interface QuestionView { id: string; key: string; title: string; text: string; type: string; scoredBy: string[] }

/**
 * One bid, for the lead and auditors: each answer beside the panel's marks for it (once the access
 * policy lets the visitor see individual marks), the agreed marks, and the compliance decision.
 * What is shown is what BidsService and ModerationService return under RoundViewer's rules.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/bids')
export class BidPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly bids: BidsService, private readonly moderation: ModerationService) {}

  @Get(':bidId')
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('bidId') bidId: string, @Query('notice') notice?: string): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const bid = await this.bids.get(user, id, bidId);
    let cells: ModerationCellDto[] | null = null;
    try {
      cells = await this.moderation.bidCells(user, id, bidId);
    } catch (error) {
      if (!(error instanceof NotYetVisibleError)) throw error;
    }
    // The moderation page's order (compliant bids as they arrived), to link each cell to its page.
    const inModeration = (await this.bids.list(user, id)).filter((b) => b.compliance === 'compliant')
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
    const moderationPage = Math.floor(Math.max(0, inModeration.findIndex((b) => b.id === bidId)) / ORGANISATIONS_PER_PAGE) + 1;
    const sections = (round.criteria as { key: string; title: string; questions: QuestionView[] }[])
      .map((s) => ({ ...s, questions: s.questions.filter((q) => q.type !== 'price') }))
      .filter((s) => s.questions.length > 0);
    this.views.send(req, res, 'bid', {
      title: `${bid.supplierName}: ${round.title}`,
      round,
      bid,
      sections,
      cells,
      cellsFor: (q: QuestionView) => (cells ?? []).filter((c) => c.criterionId === q.id),
      cellId,
      moderationPage,
      isLead: round.yourRole === 'lead',
      notice: notice === 'compliance' ? 'The compliance decision has been recorded.' : null,
      marksWhen: round.yourRole === 'auditor' ? 'once scoring has started' : 'once scoring has closed (so that the lead cannot steer the panel while it scores)',
    });
  }
}
