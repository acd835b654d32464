import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Bid } from '../bids/bid.entity.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { PanelMember } from '../panel/panel-member.entity.js';
import { meanMark, spread } from '../results/index.js';
import type { Round } from '../rounds/round.entity.js';
import { User } from '../users/user.entity.js';
import { Consensus } from './consensus.entity.js';
import type { ConsensusDto, ModerationCellDto } from './moderation.dto.js';
import { Score } from './score.entity.js';

/** Marks this far apart or more are flagged for discussion first. */
export const DISAGREEMENT_SPREAD = 2;

/**
 * Every bid x quality question x scoring group of a round, with the submitted individual marks of active
 * members and any recorded consensus. Shared by moderation, the workflow facts and the results.
 */
export async function moderationCells(manager: EntityManager, round: Round, only?: { bidId: string; criterionId: string; group: string }): Promise<ModerationCellDto[]> {
  const questions = questionsOf(await loadCriteriaTree(manager, round.id)).filter((q) => q.type === 'quality');
  const bids = await manager.find(Bid, { where: { roundId: round.id, compliance: 'compliant' }, order: { receivedAt: 'ASC' } });
  const members = await manager.find(PanelMember, { where: { roundId: round.id, withdrawnAt: IsNull() } });
  const scores = await manager.find(Score, { where: { roundId: round.id, submittedAt: Not(IsNull()), panelMemberId: In(members.map((m) => m.id)) } });
  const consensus = await manager.find(Consensus, { where: { roundId: round.id } });
  const recorders = await manager.find(User, { where: { id: In([...new Set(consensus.map((c) => c.recordedById))]) } });
  const memberById = new Map(members.map((m) => [m.id, m]));

  const cells: ModerationCellDto[] = [];
  for (const bid of bids) {
    for (const question of questions) {
      for (const group of question.scoredBy) {
        if (only && (only.bidId !== bid.id || only.criterionId !== question.id || only.group !== group)) continue;
        const marks = scores
          .filter((s) => s.bidId === bid.id && s.criterionId === question.id && memberById.get(s.panelMemberId)?.group === group)
          .map((s) => ({ panelCode: memberById.get(s.panelMemberId)!.panelCode, mark: s.mark, justification: s.justification }))
          .sort((a, b) => a.panelCode.localeCompare(b.panelCode));
        const agreed = consensus.find((c) => c.bidId === bid.id && c.criterionId === question.id && c.group === group);
        const values = marks.map((m) => m.mark);
        const gap = values.length ? spread(values) : null;
        cells.push({
          bidId: bid.id, supplierName: bid.supplierName, criterionId: question.id, key: question.key, title: question.title, group,
          marks, mean: values.length ? meanMark(values) : null, spread: gap, disagreement: (gap ?? 0) >= DISAGREEMENT_SPREAD,
          consensus: agreed ? toConsensusDto(agreed, recorders) : null,
        });
      }
    }
  }
  return cells;
}

export function toConsensusDto(c: Consensus, users: User[]): ConsensusDto {
  return { mark: c.mark, reason: c.reason, recordedBy: users.find((u) => u.id === c.recordedById)?.displayName ?? 'unknown', recordedAt: c.recordedAt.toISOString(), version: c.version };
}

