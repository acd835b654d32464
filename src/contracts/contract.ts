import { EntityManager, In } from 'typeorm';
import { StatementAccess, type RoundViewer } from '../round-core/round-viewer.js';
import { Bid } from '../bids/bid.entity.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { anyLotAwarded, lotParts, preferredBidOf } from '../round-core/lots.js';
import { DECIDED } from '../round-core/round-stages.js';
import type { Round } from '../round-core/round.entity.js';
import { cited } from '../statements/citations.js';
import type { CitedStatementDto } from '../statements/statement.dto.js';
import { Statement, Workshop } from '../statements/statement.entity.js';
import { meetsTarget } from './kpi-periods.js';
import type { ContractProviderDto, ContractViewDto, KpiViewDto } from './kpi.dto.js';
import { Kpi, KpiPeriod, KpiReview } from './kpi.entity.js';

/**
 * The lead sets KPIs once a preferred bidder is recorded (in a round with lots, for any lot), and may
 * adjust them while the contract runs. The KPIs are the round's: one specification for every lot.
 */
export const kpisDefinable = (round: Round) => anyLotAwarded(round) && DECIDED.has(round.state);
/** Performance is recorded, and reviewed, once the contract is awarded. */
export const contractRunning = (round: Round) => round.state === 'awarded';

/** Statements by id as cited (in the order given); `shareableOnly` keeps out what young people did not consent to share. */
export async function citedStatements(manager: EntityManager, ids: readonly string[], { shareableOnly }: { shareableOnly: boolean }): Promise<Map<string, CitedStatementDto>> {
  if (!ids.length) return new Map();
  const statements = await manager.find(Statement, { where: { id: In([...new Set(ids)]) } });
  const workshopIds = [...new Set(statements.map((s) => s.workshopId).filter((id): id is string => id !== null))];
  const workshops = new Map((workshopIds.length ? await manager.find(Workshop, { where: { id: In(workshopIds) } }) : []).map((w) => [w.id, w]));
  return new Map(statements
    .filter((s) => !shareableOnly || StatementAccess.shareable(s))
    .map((s) => [s.id, cited(s, s.workshopId ? workshops.get(s.workshopId) : undefined)]));
}

/**
 * Who runs the service: each awarded lot is its own contract with its own provider (its preferred
 * bidder), in published lot order; a round without lots has one, with the lot ''.
 */
export async function contractProviders(manager: EntityManager, round: Round): Promise<ContractProviderDto[]> {
  const awarded = lotParts(round).flatMap((part) => {
    const bidId = preferredBidOf(round, part.key);
    return bidId ? [{ part, bidId }] : [];
  });
  if (!awarded.length) return [];
  const bids = new Map((await manager.find(Bid, { where: { id: In(awarded.map((a) => a.bidId)) } })).map((b) => [b.id, b]));
  return awarded.flatMap(({ part, bidId }) => {
    const bid = bids.get(bidId);
    return bid ? [{ lotKey: part.key, lotTitle: part.lot?.title ?? null, supplierName: bid.supplierName }] : [];
  });
}

/** The contract as the caller may see it: each KPI with its statements, its periods (oldest first) and their reviews by panel code. */
export async function loadContract(manager: EntityManager, round: Round, viewer: RoundViewer): Promise<ContractViewDto> {
  const kpis = await manager.find(Kpi, { where: { roundId: round.id }, order: { definedAt: 'ASC', id: 'ASC' } });
  const periods = await manager.find(KpiPeriod, { where: { roundId: round.id }, order: { periodStart: 'ASC', id: 'ASC' } });
  const reviews = await manager.find(KpiReview, { where: { roundId: round.id }, order: { reviewedAt: 'ASC', id: 'ASC' } });
  const members = new Map((await manager.find(PanelMember, { where: { roundId: round.id } })).map((m) => [m.id, m]));
  const statements = await citedStatements(manager, kpis.flatMap((k) => k.statementIds), { shareableOnly: !viewer.seesUnconsentedStatements });
  const providers = await contractProviders(manager, round);
  // Periods in published lot order, then oldest first.
  const lotOrder = new Map(lotParts(round).map((part, i) => [part.key, i]));
  periods.sort((a, b) => (lotOrder.get(a.lotKey) ?? 0) - (lotOrder.get(b.lotKey) ?? 0));
  return {
    providers,
    mayDefine: viewer.isLead && kpisDefinable(round),
    mayRecord: viewer.isLead && contractRunning(round),
    mayReview: viewer.isYoungPartner && contractRunning(round),
    kpis: kpis.map((k): KpiViewDto => ({
      id: k.id, name: k.name, measure: k.measure, unit: k.unit, target: k.target, direction: k.direction, frequency: k.frequency,
      statements: k.statementIds.flatMap((id) => statements.get(id) ?? []),
      periods: periods.filter((p) => p.kpiId === k.id).map((p) => ({
        id: p.id, lotKey: p.lotKey, periodStart: p.periodStart, periodEnd: p.periodEnd, value: p.value, met: meetsTarget(p.value, k.target, k.direction),
        commentary: p.commentary, evidenceReference: p.evidenceReference, recordedAt: p.recordedAt.toISOString(),
        reviews: reviews.filter((r) => r.periodId === p.id).map((r) => ({
          id: r.id, panelCode: members.get(r.panelMemberId)?.panelCode ?? '?', rating: r.rating, comment: r.comment, reviewedAt: r.reviewedAt.toISOString(),
          yours: viewer.member?.id === r.panelMemberId,
        })),
      })),
    })),
  };
}

export interface ContractReviewRecord {
  roundId: string;
  kpiId: string;
  kpiName: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  reviewedAt: Date;
}

/**
 * The KPI reporting periods a user reviewed as a young partner, in every round, oldest first: their
 * "contract review" role for the record of involvement.
 */
export async function contractReviewsBy(manager: EntityManager, userId: string): Promise<ContractReviewRecord[]> {
  const seats = await manager.find(PanelMember, { where: { userId }, select: { id: true } });
  if (!seats.length) return [];
  const reviews = await manager.find(KpiReview, { where: { panelMemberId: In(seats.map((s) => s.id)) }, order: { reviewedAt: 'ASC', id: 'ASC' } });
  if (!reviews.length) return [];
  const periods = new Map((await manager.find(KpiPeriod, { where: { id: In(reviews.map((r) => r.periodId)) } })).map((p) => [p.id, p]));
  const kpis = new Map((await manager.find(Kpi, { where: { id: In([...new Set([...periods.values()].map((p) => p.kpiId))]) } })).map((k) => [k.id, k]));
  return reviews.map((r) => {
    const period = periods.get(r.periodId)!;
    const kpi = kpis.get(period.kpiId)!;
    return { roundId: r.roundId, kpiId: kpi.id, kpiName: kpi.name, periodId: period.id, periodStart: period.periodStart, periodEnd: period.periodEnd, reviewedAt: r.reviewedAt };
  });
}
