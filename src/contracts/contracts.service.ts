import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { lotLabel, namedLot, NO_LOT, notAwarded, preferredBidOf, type Lot } from '../round-core/lots.js';
import { RoundCommands } from '../round-core/round-commands.js';
import type { Round } from '../round-core/round.entity.js';
import { Statement } from '../statements/statement.entity.js';
import type { User } from '../users/user.entity.js';
import { contractRunning, kpisDefinable, loadContract } from './contract.js';
import { overlaps, periodEnd } from './kpi-periods.js';
import type { ContractViewDto, DefineKpiDto, RecordPeriodDto, ReviewPeriodDto, UpdateKpiDto } from './kpi.dto.js';
import { Kpi, KpiPeriod, KpiReview } from './kpi.entity.js';
import { ContractsErrorCode } from './contracts-error-codes.js';

const WHAT = "the contract's KPIs";

/** The awarded contract's KPIs (set from the i-Statements), performance per reporting period, and young partners' reviews. */
@Injectable()
export class ContractsService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  contract(user: User, roundId: string): Promise<ContractViewDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesContract(WHAT), ({ manager, round, viewer }) => loadContract(manager, round, viewer));
  }

  defineKpi(user: User, roundId: string, dto: DefineKpiDto): Promise<ContractViewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('set the contract\'s KPIs'), async ({ manager, round, viewer, now }) => {
      assertDefinable(round);
      await assertCitable(manager, dto.statementIds);
      const kpi = await manager.save(Kpi, manager.create(Kpi, { roundId: round.id, ...fields(dto), definedById: user.id, definedAt: now }));
      await this.audit.record(manager, { type: 'contract.kpi_defined', actorId: user.id, roundId: round.id, payload: { kpiId: kpi.id, ...fields(dto) }, rows: [{ table: 'contract_kpis', id: kpi.id }] });
      return loadContract(manager, round, viewer);
    });
  }

  updateKpi(user: User, roundId: string, kpiId: string, dto: UpdateKpiDto): Promise<ContractViewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('change the contract\'s KPIs'), async ({ manager, round, viewer }) => {
      assertDefinable(round);
      const kpi = await manager.findOneBy(Kpi, { id: kpiId, roundId: round.id });
      if (!kpi) throw new NotFoundError(ContractsErrorCode.KpiNotFound, 'KPI not found');
      await assertCitable(manager, dto.statementIds);
      const before = fields(kpi);
      await manager.update(Kpi, { id: kpi.id }, fields(dto));
      await this.audit.record(manager, {
        type: 'contract.kpi_changed', actorId: user.id, roundId: round.id,
        payload: { kpiId: kpi.id, before, after: fields(dto), reason: dto.reason ?? null }, rows: [{ table: 'contract_kpis', id: kpi.id }],
      });
      return loadContract(manager, round, viewer);
    });
  }

  recordPeriod(user: User, roundId: string, kpiId: string, dto: RecordPeriodDto): Promise<ContractViewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record how the contract is doing'), async ({ manager, round, viewer, now }) => {
      if (!contractRunning(round)) throw new ConflictError(ContractsErrorCode.WrongStage, 'Performance is recorded once the contract is awarded', { state: round.state });
      const kpi = await manager.findOneBy(Kpi, { id: kpiId, roundId: round.id });
      if (!kpi) throw new NotFoundError(ContractsErrorCode.KpiNotFound, 'KPI not found');
      const lot = awardedLot(round, dto.lotKey);
      const lotKey = lot?.key ?? NO_LOT;
      const end = periodEnd(dto.periodStart, kpi.frequency);
      if (!end) throw new BusinessRuleError(ContractsErrorCode.PeriodStartInvalid, 'periodStart must be the first day of a month', { field: 'periodStart' });
      const period = { periodStart: dto.periodStart, periodEnd: end };
      // Each lot is its own contract: periods clash only within the same KPI and lot.
      const clash = (await manager.find(KpiPeriod, { where: { kpiId: kpi.id, lotKey } })).find((p) => overlaps(p, period));
      if (clash) {
        const where = lot ? ` for lot ${lotLabel(lot)}` : '';
        throw new ConflictError(ContractsErrorCode.PeriodOverlaps, `This KPI already has a period${where} from ${clash.periodStart} to ${clash.periodEnd}`, { field: 'periodStart' });
      }
      const saved = await manager.save(KpiPeriod, manager.create(KpiPeriod, {
        roundId: round.id, kpiId: kpi.id, lotKey, ...period, value: dto.value, commentary: dto.commentary, evidenceReference: dto.evidenceReference, recordedById: user.id, recordedAt: now,
      }));
      await this.audit.record(manager, {
        type: 'contract.period_recorded', actorId: user.id, roundId: round.id,
        payload: { kpiId: kpi.id, periodId: saved.id, lotKey, ...period, value: dto.value, commentary: dto.commentary, evidenceReference: dto.evidenceReference },
        rows: [{ table: 'kpi_periods', id: saved.id }],
      });
      return loadContract(manager, round, viewer);
    });
  }

  /** A young partner's review of one period; reviewing again replaces their earlier review (the audit trail keeps both). */
  review(user: User, roundId: string, periodId: string, dto: ReviewPeriodDto): Promise<ContractViewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertReviewsContract(), async ({ manager, round, viewer, now }) => {
      if (!contractRunning(round)) throw new ConflictError(ContractsErrorCode.WrongStage, 'Young partners review how the contract is doing once it is awarded', { state: round.state });
      const period = await manager.findOneBy(KpiPeriod, { id: periodId, roundId: round.id });
      if (!period) throw new NotFoundError(ContractsErrorCode.PeriodNotFound, 'Reporting period not found');
      const member = viewer.member!;
      const existing = await manager.findOneBy(KpiReview, { periodId: period.id, panelMemberId: member.id });
      const review = existing
        ? Object.assign(existing, { rating: dto.rating, comment: dto.comment, reviewedAt: now })
        : manager.create(KpiReview, { roundId: round.id, periodId: period.id, panelMemberId: member.id, rating: dto.rating, comment: dto.comment, reviewedAt: now });
      await manager.save(KpiReview, review);
      await this.audit.record(manager, {
        type: existing ? 'contract.period_review_changed' : 'contract.period_reviewed', actorId: user.id, roundId: round.id,
        payload: { periodId: period.id, kpiId: period.kpiId, panelCode: member.panelCode, rating: dto.rating, comment: dto.comment },
        rows: [{ table: 'kpi_reviews', id: review.id }],
      });
      return loadContract(manager, round, viewer);
    });
  }
}

/**
 * The lot a period reports on: in a round with lots, one of its lots with a preferred bidder (each
 * awarded lot is its own contract); in a round without lots, none (NO_LOT).
 */
function awardedLot(round: Round, lotKey: string | undefined): Lot | null {
  const named = namedLot(round, lotKey, 'whose contract this period reports on');
  if (named.problem !== undefined) throw new BusinessRuleError(ContractsErrorCode.LotInvalid, named.problem, { field: 'lotKey' });
  const { lot } = named;
  if (lot && !preferredBidOf(round, lot.key)) {
    const why = notAwarded(round, lot.key) ? 'was not awarded' : 'has no preferred bidder yet';
    throw new BusinessRuleError(ContractsErrorCode.LotNotAwarded, `Lot ${lotLabel(lot)} ${why}: it has no contract to report on`, { field: 'lotKey', lotKey: lot.key });
  }
  return lot;
}

function assertDefinable(round: Round): void {
  if (!kpisDefinable(round)) throw new ConflictError(ContractsErrorCode.WrongStage, "The contract's KPIs are set after the award decision (once the preferred bidder is recorded)", { state: round.state });
}

/** A KPI answers accepted statements of the library. */
async function assertCitable(manager: EntityManager, ids: string[]): Promise<void> {
  for (const id of new Set(ids)) {
    const statement = await manager.findOneBy(Statement, { id });
    if (!statement) throw new NotFoundError(ContractsErrorCode.StatementNotFound, 'Statement not found', { field: 'statementIds', id });
    if (statement.status !== 'accepted') throw new BusinessRuleError(ContractsErrorCode.StatementNotAccepted, 'A statement still waiting to be accepted cannot be used', { field: 'statementIds', id });
  }
}

const fields = (k: Pick<Kpi, 'name' | 'measure' | 'unit' | 'target' | 'direction' | 'frequency' | 'statementIds'>) =>
  ({ name: k.name, measure: k.measure, unit: k.unit, target: k.target, direction: k.direction, frequency: k.frequency, statementIds: [...new Set(k.statementIds)] });
