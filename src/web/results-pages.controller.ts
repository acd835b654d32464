import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { AwardService } from '../award/award.service.js';
import { AwardDecisionDto, LotAwardDecisionDto } from '../award/results.dto.js';
import { InsightService } from '../insight/insight.service.js';
import { toDisplay } from '../results/index.js';
import { loadOrNotYet } from './not-yet.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { User } from '../users/user.entity.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { REASON_PROMPTS } from './labels.js';
import { sensitivityChart } from './sensitivity-chart.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { askToConfirm, needsConfirmation } from './confirmation.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

interface Line { criterionId: string; key: string; title: string; type: string; threshold: number | null; mark: string | null }
interface SectionTotal { key: string; title: string; total: string }

/** Results: each bid's total stacked by where the points came from (chart and table), the ranking, and the award decision. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/results')
export class ResultsPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly award: AwardService, private readonly insight: InsightService) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string, @Query('lot') lot?: string): Promise<void> {
    const notices: Record<string, string> = { decided: 'The preferred bidder has been recorded.', 'no-award': 'No award for this lot has been recorded.', moved: 'Done: the round has moved on.' };
    await this.show(user, req, res, id, { notice: (notice && notices[notice]) ?? null }, 200, lot);
  }

  /** A round with lots: one lot's decision, its preferred bidder (choice = a bid) or no award (choice = none) with a reason. */
  @Post('lots/:lotKey/award-decision')
  async decideLot(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('lotKey') lotKey: string): Promise<void> {
    const fields = formFields(req);
    const back = `/rounds/${id}/results?lot=${encodeURIComponent(lotKey)}`;
    try {
      const reason = fields.reason?.trim() ? fields.reason : undefined;
      const noAward = fields.choice === 'none';
      const dto = await validated(LotAwardDecisionDto, noAward ? { noAwardReason: reason ?? '' } : { bidId: fields.choice ?? '', ...(reason ? { departureReason: reason } : {}) });
      if ((noAward || dto.departureReason) && needsConfirmation(req)) {
        return askToConfirm(this.views, req, res, {
          heading: noAward ? `No award for lot ${lotKey}?` : 'Depart from the ranking?',
          consequence: noAward ? 'This lot will not be awarded. Your reason is recorded and shown to auditors.' : 'The preferred bidder will not be the top-ranked bid of this lot. Your reason is recorded and shown to auditors.',
          yes: noAward ? 'Yes, record no award for this lot' : 'Yes, record this preferred bidder', reason: reason!, back: `${back}#award-h`,
        });
      }
      await this.award.decideLot(user, id, lotKey, dto);
      res.redirect(303, `${back}&notice=${noAward ? 'no-award' : 'decided'}`);
    } catch (error) {
      const problem = formError(error, { bidId: 'Preferred bidder', departureReason: 'Reason for departing from the ranking', noAwardReason: 'Reason for no award' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'decision', form: fields }, problem.status, lotKey);
    }
  }

  @Post('award-decision')
  async decide(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(AwardDecisionDto, { bidId: fields.bidId, ...(fields.departureReason?.trim() ? { departureReason: fields.departureReason } : {}) });
      if (dto.departureReason && needsConfirmation(req)) {
        return askToConfirm(this.views, req, res, {
          heading: 'Depart from the ranking?', consequence: 'The preferred bidder will not be the top-ranked bid. Your reason is recorded and shown to auditors.',
          yes: 'Yes, record this preferred bidder', reason: dto.departureReason, back: `/rounds/${id}/results#award-h`,
        });
      }
      await this.award.decide(user, id, dto.bidId, dto.departureReason);
      res.redirect(303, `/rounds/${id}/results?notice=decided`);
    } catch (error) {
      const problem = formError(error, { bidId: 'Preferred bidder', departureReason: 'Reason for departing from the ranking' });
      await this.show(user, req, res, id, { error: problem, errorFor: 'decision', form: fields }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200, lotKey?: string): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const loaded = await loadOrNotYet(this.views, req, res, round, {
      tab: 'results', heading: 'Results', message: 'Results appear here once scoring has started: provisional at first, final when moderation closes.',
    }, () => this.insight.resultsWithSensitivity(user, id, lotKey));
    if (!loaded) return;
    const { results, sensitivity } = loaded;
    // A round with lots shows one lot at a time, each ranked and decided on its own.
    const lots = round.lots ?? null;
    const lot = lots?.find((l) => l.key === loaded.lotKey) ?? null;
    const lotDecision = lot ? ((await this.award.lotDecisions(user, id)).find((d) => d.lotKey === lot.key) ?? null) : null;
    // Excluded bids were never evaluated: they stay in the tables, not in the charts.
    const evaluated = results.bids.filter((b) => b.status !== 'excluded');
    const chart = {
      provisional: results.provisional,
      labels: evaluated.map((b) => b.supplierName),
      groups: {
        professional: evaluated.map((b) => Number(b.contributionsDisplay.professional)),
        youngPartner: evaluated.map((b) => Number(b.contributionsDisplay.youngPartner)),
        price: evaluated.map((b) => Number(b.contributionsDisplay.price)),
      },
      sections: sectionSeries(evaluated as unknown as { sectionTotals: SectionTotal[] }[]),
    };
    const thresholds = (results.bids[0]?.lines as Line[] | undefined ?? []).filter((l) => l.threshold !== null).map((l) => ({ key: l.key, title: l.title, threshold: l.threshold }));
    const eligible = results.bids.filter((b) => b.eligible);
    this.views.send(req, res, 'results', {
      title: lot ? `Results, lot ${lot.key}: ${round.title}` : `Results: ${round.title}`,
      lots,
      lot,
      lotDecision,
      round,
      results,
      chart,
      thresholds,
      sectionTable: sectionTable(results.bids as unknown as { supplierName: string; sectionTotals: SectionTotal[] }[]),
      eligible,
      preferred: results.bids.find((b) => b.preferred) ?? null,
      isLead: round.yourRole === 'lead',
      canDecide: round.yourRole === 'lead' && round.state === 'awardDecision',
      canIssue: round.yourRole === 'lead' && round.allowedEvents.includes('ISSUE_AWARD_NOTICE'),
      issueBlocked: round.blocked.find((b) => b.event === 'ISSUE_AWARD_NOTICE') ?? null,
      reasonPrompts: REASON_PROMPTS,
      sensitivity,
      robustnessChart: sensitivityChart(sensitivity),
      scripts: ['/assets/vendor/chart.umd.min.js', '/assets/results-chart.js', '/assets/sensitivity-chart.js'],
      ...NOTHING_POSTED,
      ...extras,
    }, status);
  }
}

function sectionSeries(bids: { sectionTotals: SectionTotal[] }[]) {
  const sections = bids[0]?.sectionTotals ?? [];
  return sections.map((s, i) => ({ label: `${s.key} ${s.title}`, data: bids.map((b) => Number(toDisplay(b.sectionTotals[i]?.total ?? '0'))) }));
}

/** Section totals as displayed (exact, rounded half up to 2 places like every other figure). */
function sectionTable(bids: { supplierName: string; sectionTotals: SectionTotal[] }[]) {
  const headings = (bids[0]?.sectionTotals ?? []).map((s) => `${s.key} ${s.title}`);
  return { headings, rows: bids.map((b) => ({ supplierName: b.supplierName, totals: b.sectionTotals.map((s) => toDisplay(s.total)) })) };
}
