import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { ConflictDeclaration } from '../round-core/conflict-declaration.entity.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { Score } from './score.entity.js';

/**
 * Which individual marks count: the one rule, used by moderation, the results, the workflow facts and
 * the workbook. A mark counts once submitted, unless its panellist has withdrawn from the panel or has
 * declared an interest in the bid (at any time: before or after saving or submitting). Marks that do not
 * count stay on record, and say why.
 */
export type MarkStanding =
  | { counts: true }
  | { counts: false; why: 'draft' | 'withdrawn' | 'recused'; label: string };

export function markStanding(
  score: { submittedAt: Date | string | null },
  member: Pick<PanelMember, 'withdrawnAt'>,
  interest: Pick<ConflictDeclaration, 'declaredAt' | 'interest'> | null | undefined,
): MarkStanding {
  if (interest) return { counts: false, why: 'recused', label: recusalLabel(interest) };
  if (member.withdrawnAt) return { counts: false, why: 'withdrawn', label: 'withdrawn from the panel' };
  if (score.submittedAt === null) return { counts: false, why: 'draft', label: 'draft' };
  return { counts: true };
}

export function recusalLabel(interest: Pick<ConflictDeclaration, 'declaredAt' | 'interest'>): string {
  return `recused (declared ${interest.declaredAt.toISOString()}: ${interest.interest})`;
}

/**
 * The same rule in SQL, for the totals the database adds up (a round of 800,000 marks is never loaded):
 * scores `s` joined to their member `m`, with no declaration of interest `c` by that member in that bid.
 * Keep in step with markStanding above (test/recusal.e2e-spec.ts checks both paths agree).
 */
export function countedScores(manager: EntityManager, roundId: string): SelectQueryBuilder<Score> {
  return manager
    .createQueryBuilder(Score, 's')
    .innerJoin(PanelMember, 'm', 'm.id = s.panelMemberId')
    .leftJoin(ConflictDeclaration, 'c', 'c.panelMemberId = s.panelMemberId AND c.bidId = s.bidId')
    .where('s.roundId = :roundId', { roundId })
    .andWhere('c.id IS NULL')
    .andWhere('m.withdrawnAt IS NULL')
    .andWhere('s.submittedAt IS NOT NULL');
}

/** Declarations of interest in a round, by member and bid, to tell each mark's standing. */
export async function interestsByMemberAndBid(manager: EntityManager, roundId: string, bidIds?: string | string[]): Promise<Map<string, ConflictDeclaration>> {
  const only = typeof bidIds === 'string' ? [bidIds] : bidIds;
  const declarations = await manager.find(ConflictDeclaration, { where: { roundId, ...(only ? { bidId: In(only) } : {}) } });
  return new Map(declarations.map((d) => [interestKey(d.panelMemberId, d.bidId), d]));
}

export const interestKey = (panelMemberId: string, bidId: string) => `${panelMemberId}/${bidId}`;
