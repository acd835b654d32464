import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { FREQUENCY_WORDS } from '../contracts/kpi-periods.js';
import { DefineKpiDto, RecordPeriodDto, ReviewPeriodDto, type ContractViewDto } from '../contracts/kpi.dto.js';
import { FeedbackService } from '../feedback/feedback.service.js';
import { toDisplay } from '../results/index.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { CitedStatementDto } from '../statements/statement.dto.js';
import { StatementsService } from '../statements/statements.service.js';
import type { User } from '../users/user.entity.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const NOTICES: Record<string, string> = {
  defined: 'The KPI is set.',
  recorded: 'The results for that period are saved.',
  reviewed: 'Thank you! Your view is saved.',
};
const FIELD_NAMES = {
  name: 'Name', measure: 'How it is measured', unit: 'Unit', target: 'Target', direction: 'Better is', frequency: 'How often', statementIds: 'Statements',
  lotKey: 'Lot', periodStart: 'Period starts', value: 'Result', commentary: 'What the provider said', evidenceReference: 'Evidence', rating: 'Your answer', comment: 'Why',
};
const month = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "January 2027 to March 2027", or "January 2027" for a month. */
export const periodWords = (p: { periodStart: string; periodEnd: string }) =>
  p.periodStart.slice(0, 7) === p.periodEnd.slice(0, 7) ? month(p.periodStart) : `${month(p.periodStart)} to ${month(p.periodEnd)}`;
export const RATING_WORDS = { yes: 'Yes', partly: 'Partly', notYet: 'Not yet' } as const;

/**
 * The contract page ("How the service is doing": each KPI against its target over time, with the young
 * partners' reviews beside it, and the forms to set KPIs, record results and review them) and "You
 * said, we did". Plain words throughout: young partners read both pages.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id')
export class ContractPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly contracts: ContractsService, private readonly feedback: FeedbackService, private readonly statements: StatementsService) {}

  @Get('contract')
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: notice ? NOTICES[notice] ?? null : null });
  }

  @Post('contract/kpis')
  async define(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    await this.attempt(user, req, res, id, fields, 'define', 'defined', async () => {
      const raw = (req.body as Record<string, unknown>).statementIds;
      const statementIds = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
      await this.contracts.defineKpi(user, id, await validated(DefineKpiDto, { ...fields, statementIds }));
    });
  }

  @Post('contract/kpis/:kpiId/periods')
  async record(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('kpiId') kpiId: string): Promise<void> {
    const fields = formFields(req);
    // A month field gives YYYY-MM; periods start on the first of the month.
    const periodStart = /^\d{4}-\d{2}$/.test(fields.periodStart ?? '') ? `${fields.periodStart}-01` : fields.periodStart ?? '';
    await this.attempt(user, req, res, id, fields, `record-${kpiId}`, 'recorded', async () => {
      await this.contracts.recordPeriod(user, id, kpiId, await validated(RecordPeriodDto, { ...fields, periodStart }));
    });
  }

  @Post('contract/periods/:periodId/review')
  async review(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('periodId') periodId: string): Promise<void> {
    const fields = formFields(req);
    await this.attempt(user, req, res, id, fields, `review-${periodId}`, 'reviewed', async () => {
      await this.contracts.review(user, id, periodId, await validated(ReviewPeriodDto, { rating: fields.rating ?? '', comment: fields.comment ?? '' }));
    }, `#p-${periodId}`);
  }

  @Get('you-said-we-did')
  async youSaidWeDid(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const round = await this.rounds.get(user, id);
    const feedback = await this.feedback.youSaidWeDid(user, id);
    this.views.send(req, res, 'you-said-we-did', { title: `You said, we did: ${round.title}`, round, feedback, narrow: round.yourRole === 'panellist', tab: 'you-said', periodWords, display: toDisplay });
  }

  @Get('you-said-we-did/pdf')
  async pdf(@CurrentUser() user: User, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const { file, fileName } = await this.feedback.pdf(user, id);
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${fileName}"`).setHeader('Cache-Control', 'no-store').send(file);
  }

  private async attempt(user: User, req: Request, res: Response, id: string, fields: Record<string, string>, formId: string, notice: string, work: () => Promise<void>, anchor = ''): Promise<void> {
    try {
      await work();
      res.redirect(303, `/rounds/${id}/contract?notice=${notice}${anchor}`);
    } catch (error) {
      const problem = formError(error, FIELD_NAMES);
      await this.show(user, req, res, id, { error: problem, errorFor: formId, form: fields }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const round = await this.rounds.get(user, id);
    const contract = await this.contracts.contract(user, id);
    // The statements the lead may choose from: those the round's questions cite first, then the rest of the library.
    let choices: CitedStatementDto[] = [];
    if (contract.mayDefine) {
      const coverage = await this.statements.coverage(user, id);
      const seen = new Set<string>();
      choices = [...coverage.questions.flatMap((q) => q.statements), ...coverage.uncited.map((s) => ({ id: s.id, text: s.text, groupCode: s.groupCode, themes: s.themes, consent: s.consent, workshop: null }))]
        .filter((s) => !seen.has(s.id) && seen.add(s.id));
    }
    this.views.send(req, res, 'contract', {
      title: `How the service is doing: ${round.title}`,
      round, contract, choices,
      areas: areas(contract),
      frequencyWords: FREQUENCY_WORDS, ratingWords: RATING_WORDS, periodWords,
      narrow: round.yourRole === 'panellist',
      tab: 'contract',
      scripts: ['/assets/vendor/chart.umd.min.js', '/assets/contract-chart.js'],
      ...NOTHING_POSTED,
      ...extras,
    }, status);
  }
}

/**
 * Each KPI's contracts, as the page shows them: one per awarded lot (each is its own contract, with its
 * own periods and chart), or the one contract of a round without lots (lot null). Each has its periods
 * and its chart's data: results over time against the target, drawn only (the list beside it has the
 * same numbers).
 */
function areas(contract: ContractViewDto) {
  const contracts = contract.providers.length ? contract.providers : [{ lotKey: '', lotTitle: null, supplierName: '' }];
  return Object.fromEntries(contract.kpis.map((k) => [k.id, contracts.map(({ lotKey, lotTitle, supplierName }) => {
    const periods = k.periods.filter((p) => p.lotKey === lotKey);
    return {
      lotTitle, supplierName, periods,
      chartId: lotKey ? `${k.id}-${lotKey}` : k.id,
      chart: { unit: k.unit, labels: periods.map(periodWords), values: periods.map((p) => Number(p.value)), target: Number(k.target), met: periods.map((p) => p.met) },
    };
  })]));
}
