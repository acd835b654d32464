import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Bid } from '../bids/bid.entity.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { toDisplay } from '../results/index.js';
import { RoundCommands } from '../rounds/round-commands.js';
import type { AwardDecision } from '../rounds/round.entity.js';
import { Consensus } from '../scoring/consensus.entity.js';
import type { User } from '../users/user.entity.js';
import { AssessmentSummaryDto, CriterionAssessmentDto } from './assessment-summary.dto.js';
import { loadResults } from './results.service.js';
import { DECIDED } from '../rounds/round-stages.js';


@Injectable()
export class AwardService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  /** Records the preferred bidder: the top-ranked eligible bid, or another eligible bid with a recorded reason. */
  decide(user: User, roundId: string, bidId: string, departureReason?: string): Promise<AwardDecision> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record the award decision'), async ({ manager, round, now }) => {
      if (round.state !== 'awardDecision') throw new ConflictError('The preferred bidder is recorded at the award decision stage', { state: round.state });
      const { results, provisional } = await loadResults(manager, round);
      if (provisional) throw new BusinessRuleError('The results are not final: every mark needs a recorded consensus');
      const chosen = results.bids.find((b) => b.id === bidId);
      if (!chosen) throw new NotFoundError('Bid not found');
      if (!chosen.eligible) throw new BusinessRuleError(`${chosen.supplierName} cannot be awarded: ${chosen.reason}`);
      const topRanked = chosen.rank === 1 && !chosen.tie;
      if (!topRanked && !departureReason) {
        const top = results.bids.filter((b) => b.rank === 1).map((b) => b.supplierName).join(' and ');
        throw new BusinessRuleError(
          chosen.rank === 1 ? `${top} are tied after the published tie-break: record why ${chosen.supplierName} is preferred` : `${top} is ranked first: record the reason for departing from the ranking`,
          { field: 'departureReason' },
        );
      }
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

  /**
   * PA23 s.50 / reg 31: for each criterion the weighting, the available marks, the bid's score and the
   * reasons (from the consensus records); the totals; for an unsuccessful bid, the winner's scores.
   */
  assessmentSummary(user: User, roundId: string, bidId: string): Promise<AssessmentSummaryDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('assessment summaries'), async ({ manager, round }) => {
      if (!DECIDED.has(round.state) || !round.awardDecision) throw new ConflictError('Assessment summaries follow the award decision', { state: round.state });
      const bid = await manager.findOneBy(Bid, { id: bidId, roundId: round.id });
      if (!bid) throw new NotFoundError('Bid not found');
      const { results } = await loadResults(manager, round);
      const mine = results.bids.find((b) => b.id === bid.id)!;
      const winner = results.bids.find((b) => b.id === round.awardDecision!.bidId)!;
      const questions = questionsOf(await loadCriteriaTree(manager, round.id));
      const consensus = await manager.find(Consensus, { where: { bidId: bid.id } });
      const groupName = { professional: 'Professional panel', youngPartner: 'Young partners' } as const;

      const criteria: CriterionAssessmentDto[] = mine.lines
        .filter((line) => line.type !== 'passFail')
        .map((line) => {
          const question = questions.find((q) => q.id === line.criterionId)!;
          const winnerLine = winner.lines.find((l) => l.criterionId === line.criterionId)!;
          const reasons = line.type === 'price'
            ? [`Scored by formula: lowest compliant price (£${results.lowestCompliantPrice}) ÷ this bid's price (£${mine.price}) × ${results.scaleMax}`]
            : question.scoredBy.map((g) => `${groupName[g]}: ${consensus.find((c) => c.criterionId === line.criterionId && c.group === g)?.reason ?? 'no consensus recorded'}`);
          return {
            key: line.key, title: line.title, weighting: toDisplay(line.effectiveWeight), availableMarks: results.scaleMax,
            score: line.mark === null ? null : toDisplay(line.mark), weightedScore: toDisplay(line.weightedScore), reasons,
            ...(winner.id !== mine.id ? { winnerScore: winnerLine.mark === null ? null : toDisplay(winnerLine.mark), winnerWeightedScore: toDisplay(winnerLine.weightedScore) } : {}),
          };
        });
      const successful = mine.id === winner.id;
      return {
        round: { reference: round.reference, title: round.title },
        supplierName: bid.supplierName,
        outcome: successful ? 'preferred bidder' : mine.status === 'excluded' ? 'excluded' : mine.status === 'disqualified' ? 'disqualified' : 'unsuccessful',
        exclusionReason: bid.compliance === 'excluded' ? bid.complianceReason : mine.reason,
        total: toDisplay(mine.total),
        rank: mine.rank,
        criteria,
        winner: successful ? null : { supplierName: winner.supplierName, total: toDisplay(winner.total) },
        whyNotSuccessful: successful ? [] : criteria
          .filter((c) => c.winnerWeightedScore !== undefined && Number(c.winnerWeightedScore) > Number(c.weightedScore))
          .map((c) => `${c.key} ${c.title}: the preferred bidder scored ${c.winnerScore} out of ${c.availableMarks} (${c.winnerWeightedScore} weighted) against your ${c.score ?? 'no score'} (${c.weightedScore})`),
      };
    });
  }
}
