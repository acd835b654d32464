import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { RoundCommands } from '../round-core/round-commands.js';
import type { AwardDecision } from '../round-core/round.entity.js';
import type { User } from '../users/user.entity.js';
import { loadResults } from './results.service.js';


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
}
