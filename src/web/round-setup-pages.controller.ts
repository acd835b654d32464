import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { inLondon } from '../../workflows/london-time.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { BusinessRuleError, ForbiddenError } from '../common/errors.js';
import { PanelService } from '../panel/panel.service.js';
import { CriteriaDto, TimetableDto } from '../rounds/round-definition.dto.js';
import type { RoundDto } from '../rounds/round.dto.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { WithdrawDto } from '../scoring/scoring.dto.js';
import { ScoringService } from '../scoring/scoring.service.js';
import type { User } from '../users/user.entity.js';
import { parseDefinitionText } from './definition-text.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { WebErrorCode } from './web-error-codes.js';

const NOTICES: Record<string, string> = {
  timetable: 'The tender deadline has been changed.',
  criteria: 'The questions and weights have been saved.',
};

/**
 * Changing a round after it was created: a draft's timetable and criteria (the edit page), and its
 * panel (removing someone from a draft; after publishing, a member withdraws with a reason).
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id')
export class RoundSetupPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly panel: PanelService, private readonly scoring: ScoringService) {}

  @Get('edit')
  async edit(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: notice ? NOTICES[notice] ?? null : null });
  }

  @Post('timetable')
  async timetable(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(TimetableDto, { tenderDeadline: londonInstant(fields.tenderDeadline ?? '') });
      await this.rounds.changeTimetable(user, id, dto.tenderDeadline);
      res.redirect(303, `/rounds/${id}/edit?notice=timetable`);
    } catch (error) {
      const problem = formError(error, { tenderDeadline: 'Tender deadline' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'timetable', form: fields }, problem.status);
    }
  }

  /** The weights alone, as numbers in a table: the common change, without touching the text of the questions. */
  @Post('weights')
  async weights(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    const posted = (req.body as { weights?: unknown }).weights;
    const weights = posted && typeof posted === 'object' ? (posted as Record<string, unknown>) : {};
    try {
      const round = await this.rounds.get(user, id);
      const weight = (key: string, current: number) => {
        const text = typeof weights[key] === 'string' ? (weights[key] as string).trim() : '';
        if (text === '') return current;
        if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) throw new BusinessRuleError(WebErrorCode.WeightInvalid, `The weight of ${key} must be a number from 0 to 100, with up to 2 decimal places`, { field: `weights[${key}]` });
        return Number(text);
      };
      const criteria = (definitionCriteria(round) as { key: string; weight: number; questions: { key: string; weight: number }[] }[])
        .map((s) => ({ ...s, weight: weight(s.key, s.weight), questions: s.questions.map((q) => ({ ...q, weight: weight(q.key, q.weight) })) }));
      const dto = await validated(CriteriaDto, { criteria });
      await this.rounds.replaceCriteria(user, id, dto.criteria);
      res.redirect(303, `/rounds/${id}/edit?notice=criteria`);
    } catch (error) {
      const problem = formError(error, {});
      await this.show(user, req, res, id, { error: problem, errorFor: 'weights', form: fields, weights }, problem.status);
    }
  }

  @Post('criteria')
  async criteria(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    try {
      const parsed = parseDefinitionText(fields.criteria ?? '', 'criteria');
      const dto = await validated(CriteriaDto, { criteria: parsed });
      await this.rounds.replaceCriteria(user, id, dto.criteria);
      res.redirect(303, `/rounds/${id}/edit?notice=criteria`);
    } catch (error) {
      const problem = formError(error, { criteria: 'Questions and weights' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'criteria', form: fields }, problem.status);
    }
  }

  /** In a draft a member is simply removed; once published, they withdraw with a reason and their scores stop counting. */
  @Post('panel/:memberId/remove')
  async remove(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('memberId') memberId: string): Promise<void> {
    try {
      await this.panel.removeMember(user, id, memberId);
      res.redirect(303, `/rounds/${id}?notice=removed#panel`);
    } catch (error) {
      this.refuse(req, res, error);
    }
  }

  @Post('panel/:memberId/withdraw')
  async withdraw(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('memberId') memberId: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(WithdrawDto, { reason: fields.reason ?? '' });
      await this.scoring.withdraw(user, id, memberId, dto.reason);
      res.redirect(303, `/rounds/${id}?notice=withdrawn#panel`);
    } catch (error) {
      this.refuse(req, res, error, { reason: 'Reason' });
    }
  }

  private refuse(req: Request, res: Response, error: unknown, names: Record<string, string> = {}): void {
    const problem = formError(error, names);
    this.views.send(req, res, 'refused', { title: 'That did not work', heading: problem.message, reason: 'error', message: [...(problem.list ?? [])].join(' ') || 'Go back to the round and try again.' }, problem.status);
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const round = await this.rounds.get(user, id);
    if (round.yourRole !== 'lead') throw new ForbiddenError(WebErrorCode.LeadOnly, 'Only the round lead can change the round');
    const deadline = round.timetable.tenderDeadline;
    this.views.send(req, res, 'round-edit', {
      title: `Change the draft: ${round.title}`,
      round,
      draft: round.state === 'draft',
      deadlineLocal: deadline ? inLondon(deadline).toFormat("yyyy-LL-dd'T'HH:mm") : '',
      criteriaText: JSON.stringify(definitionCriteria(round), null, 2),
      sections: definitionCriteria(round),
      weights: {},
      ...NOTHING_POSTED,
      ...extras,
    }, status);
  }
}

/** The form's date and time, read as London time (as people mean it), as an ISO instant; nonsense goes on for the validator to name. */
function londonInstant(value: string): string {
  if (!value.trim()) throw new BusinessRuleError(WebErrorCode.DeadlineMissing, 'Choose the date and time bids close', { field: 'tenderDeadline' });
  try {
    return inLondon(value.trim()).toUTC().toISO()!;
  } catch {
    return value;
  }
}

/** The round's criteria in the definition's shape (what the criteria form edits and the API's PUT takes). */
function definitionCriteria(round: RoundDto): unknown[] {
  type Q = { key: string; title: string; text: string; plainLanguage: string | null; guidance: string | null; type: string; weight: string; threshold: number | null; scoredBy: string[]; groupWeights?: Record<string, string> };
  const sections = round.criteria as { key: string; title: string; weight: string; questions: Q[] }[];
  return sections.map((s) => ({
    key: s.key, title: s.title, weight: Number(s.weight),
    questions: s.questions.map((q) => ({
      key: q.key, title: q.title, text: q.text,
      ...(q.plainLanguage ? { plainLanguage: q.plainLanguage } : {}),
      ...(q.guidance ? { guidance: q.guidance } : {}),
      type: q.type, weight: Number(q.weight),
      ...(q.threshold !== null && q.threshold !== undefined ? { threshold: q.threshold } : {}),
      scoredBy: q.scoredBy,
      ...(q.groupWeights && Object.keys(q.groupWeights).length ? { groupWeights: Object.fromEntries(Object.entries(q.groupWeights).map(([g, w]) => [g, Number(w)])) } : {}),
    })),
  }));
}
