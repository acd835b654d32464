import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { hasLots, lotLabel, type LotDecision } from '../round-core/lots.js';
import type { AwardDecision, Round } from '../round-core/round.entity.js';
import type { RoundResults } from '../results/index.js';
import type { User } from '../users/user.entity.js';
import { loadResults } from './results.service.js';
import { AwardErrorCode } from './award-error-codes.js';

/** A lot's decision as asked for: a preferred bidder (with a reason if it departs from the ranking), or no award with a reason. */
export interface LotDecisionRequest {
  bidId?: string;
  departureReason?: string;
  noAwardReason?: string;
}

@Injectable()
export class AwardService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  /** Records the preferred bidder: the top-ranked eligible bid, or another eligible bid with a recorded reason. */
  decide(user: User, roundId: string, bidId: string, departureReason?: string): Promise<AwardDecision> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record the award decision'), async ({ manager, round, now }) => {
      assertDecisionStage(round);
      if (hasLots(round)) throw new BusinessRuleError(AwardErrorCode.DecidedPerLot, `This round has lots: record each lot's decision on its own (${round.lots!.map((l) => l.key).join(', ')})`);
      const { results, provisional } = await loadResults(manager, round);
      const { chosen, topRanked } = checkChoice(results, provisional, bidId, departureReason);
      const decision: AwardDecision = { bidId, topRanked, departureReason: departureReason ?? null, recordedAt: now.toISOString(), recordedById: user.id };
      await this.commands.save(manager, round, { awardDecision: decision });
      await this.audit.record(manager, {
        type: 'award.preferred_bidder_recorded', actorId: user.id, roundId: round.id,
        payload: { bidId, supplierName: chosen.supplierName, rank: chosen.rank, total: chosen.total, topRanked, departureReason: departureReason ?? null },
        rows: [{ table: 'rounds', id: round.id }],
      });
      return decision;
    });
  }

  /** The decisions recorded so far for a round's lots (lead and auditors), in lot order. */
  lotDecisions(user: User, roundId: string): Promise<LotDecision[]> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('the award decision'), async ({ round }) => round.lotDecisions ?? []);
  }

  /**
   * Records one lot's decision (a round with lots): its preferred bidder, chosen from that lot's own
   * ranking exactly as for a round without lots, or no award with the lead's reason (no eligible bid,
   * or a reasoned decision). Recording again replaces the lot's decision until the award notice.
   */
  decideLot(user: User, roundId: string, lotKey: string, request: LotDecisionRequest): Promise<LotDecision> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record the award decision'), async ({ manager, round, now }) => {
      const lot = round.lots?.find((l) => l.key === lotKey);
      if (!lot) throw new NotFoundError(AwardErrorCode.LotNotFound, hasLots(round) ? 'Lot not found' : 'This round has no lots: record its preferred bidder with award-decision');
      assertDecisionStage(round);
      if ((request.bidId === undefined) === (request.noAwardReason === undefined)) {
        throw new BusinessRuleError(AwardErrorCode.LotDecisionInvalid, 'Give either bidId (the preferred bidder) or noAwardReason (why the lot is not awarded), not both', { field: 'bidId' });
      }
      if (request.noAwardReason !== undefined && request.departureReason !== undefined) {
        throw new BusinessRuleError(AwardErrorCode.LotDecisionInvalid, 'departureReason goes with a preferred bidder, not with no award', { field: 'departureReason' });
      }
      const { results, provisional } = await loadResults(manager, round, lot.key);
      const base = { lotKey: lot.key, recordedAt: now.toISOString(), recordedById: user.id };
      let decision: LotDecision;
      let detail: Record<string, unknown>;
      if (request.bidId !== undefined) {
        const { chosen, topRanked } = checkChoice(results, provisional, request.bidId, request.departureReason);
        decision = { ...base, bidId: chosen.id, topRanked, departureReason: request.departureReason ?? null, noAwardReason: null };
        detail = { supplierName: chosen.supplierName, rank: chosen.rank, total: chosen.total };
      } else {
        if (provisional) throw new BusinessRuleError(AwardErrorCode.ResultsProvisional, `The results of lot ${lotLabel(lot)} are not final: every mark needs a recorded consensus`);
        decision = { ...base, bidId: null, topRanked: false, departureReason: null, noAwardReason: request.noAwardReason! };
        detail = { eligibleBids: results.bids.filter((b) => b.eligible).length };
      }
      const lotDecisions = [...(round.lotDecisions ?? []).filter((d) => d.lotKey !== lot.key), decision]
        .sort((a, b) => round.lots!.findIndex((l) => l.key === a.lotKey) - round.lots!.findIndex((l) => l.key === b.lotKey));
      await this.commands.save(manager, round, { lotDecisions });
      await this.audit.record(manager, {
        type: 'award.lot_decision_recorded', actorId: user.id, roundId: round.id,
        payload: { lotKey: lot.key, outcome: decision.bidId ? 'awarded' : 'noAward', bidId: decision.bidId, ...detail, topRanked: decision.topRanked, departureReason: decision.departureReason, noAwardReason: decision.noAwardReason },
        rows: [{ table: 'rounds', id: round.id }],
      });
      return decision;
    });
  }
}

function assertDecisionStage(round: Round): void {
  if (round.state !== 'awardDecision') throw new ConflictError(AwardErrorCode.WrongStage, 'The preferred bidder is recorded at the award decision stage', { state: round.state });
}

/** The published rules for choosing a preferred bidder from one ranking (a lot's, or a round's without lots). */
function checkChoice(results: RoundResults, provisional: boolean, bidId: string, departureReason: string | undefined) {
  if (provisional) throw new BusinessRuleError(AwardErrorCode.ResultsProvisional, 'The results are not final: every mark needs a recorded consensus');
  const chosen = results.bids.find((b) => b.id === bidId);
  if (!chosen) throw new NotFoundError(AwardErrorCode.BidNotFound, 'Bid not found');
  if (!chosen.eligible) throw new BusinessRuleError(AwardErrorCode.NotEligible, `${chosen.supplierName} cannot be awarded: ${chosen.reason}`);
  const topRanked = chosen.rank === 1 && !chosen.tie;
  if (!topRanked && !departureReason) {
    const top = results.bids.filter((b) => b.rank === 1).map((b) => b.supplierName).join(' and ');
    throw new BusinessRuleError(
      AwardErrorCode.DepartureReasonRequired,
      chosen.rank === 1 ? `${top} are tied after the published tie-break: record why ${chosen.supplierName} is preferred` : `${top} is ranked first: record the reason for departing from the ranking`,
      { field: 'departureReason' },
    );
  }
  return { chosen, topRanked };
}
