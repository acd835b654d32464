import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { SummariesService } from '../award/summaries.service.js';
import { AwardErrorCode } from '../award/award-error-codes.js';
import { DomainError } from '../common/errors.js';
import { ClarificationsService } from '../clarifications/clarifications.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../accounts/users.service.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { WorkbookService } from '../exports/workbook.service.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const TRAIL_LIMIT = 1000;

/** The evidence: the workbook, the round's history, its audit trail and whether the hash chain holds. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/evidence')
export class AuditPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly users: UsersService, private readonly summaries: SummariesService, private readonly workbooks: WorkbookService, private readonly clarifications: ClarificationsService) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const [history, trail, verify, workbook, clarifications] = await Promise.all([
      this.rounds.history(user, id),
      this.rounds.auditTrail(user, id, { limit: TRAIL_LIMIT }),
      this.rounds.verifyAudit(user, id),
      this.workbooks.availability(user, id),
      this.clarifications.list(user, id),
    ]);
    // Assessment summaries exist once the preferred bidder is recorded.
    const summaries = await this.summaries.overview(user, id).then((o) => o.summaries, (error) => {
      if (error instanceof DomainError && error.code === AwardErrorCode.WrongStage) return null;
      throw error;
    });
    const actorIds = [...new Set(trail.map((e) => e.actorId).filter((a): a is string => a !== null))];
    const actors = new Map((await Promise.all(actorIds.map((a) => this.users.findById(a)))).filter((u) => u !== null).map((u) => [u.id, u.displayName]));
    this.views.send(req, res, 'evidence', {
      title: `Evidence: ${round.title}`,
      round,
      history,
      trail: trail.map((e) => ({ ...e, actor: e.actorId ? actors.get(e.actorId) ?? 'unknown' : 'the system', summary: summarise(e.payload) })),
      truncated: trail.length === TRAIL_LIMIT,
      verify,
      summaries,
      workbook,
      clarifications,
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A short, readable line for an event's payload: its scalar fields, without internal ids (the panel
 * code, question key and supplier say the same to a person) or the nested definition. The workbook has it all.
 */
function summarise(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .filter(([, v]) => !(typeof v === 'string' && UUID.test(v)))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('; ')
    .slice(0, 240);
}
