import { EntityManager } from 'typeorm';
import { Bid } from '../bids/bid.entity.js';
import { loadCriteriaTree, questionsOf, type QuestionNode } from '../criteria/criteria-tree.js';
import { ConflictDeclaration } from '../panel/conflict-declaration.entity.js';
import type { PanelMember } from '../panel/panel-member.entity.js';

export interface Assignment {
  bid: Bid;
  question: QuestionNode;
}

/**
 * What a panel member must score: every compliant bid they are not recused from, on every quality
 * question their group scores. Price is scored by formula and is never assigned to anyone.
 */
export async function assignmentsFor(manager: EntityManager, member: PanelMember): Promise<Assignment[]> {
  const questions = questionsOf(await loadCriteriaTree(manager, member.roundId)).filter((q) => q.type === 'quality' && q.scoredBy.includes(member.group));
  const recused = new Set((await manager.find(ConflictDeclaration, { where: { panelMemberId: member.id } })).map((d) => d.bidId));
  const bids = (await manager.find(Bid, { where: { roundId: member.roundId, compliance: 'compliant' }, order: { receivedAt: 'ASC' } })).filter((b) => !recused.has(b.id));
  return bids.flatMap((bid) => questions.map((question) => ({ bid, question })));
}

export const assignmentKey = (bidId: string, criterionId: string) => `${bidId}/${criterionId}`;
