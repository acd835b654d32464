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
export async function assignmentsFor(manager: EntityManager, member: PanelMember, round?: ScoringFrame): Promise<Assignment[]> {
  const frame = round ?? (await scoringFrame(manager, member.roundId));
  const questions = frame.questions.filter((q) => q.scoredBy.includes(member.group));
  const recused = new Set((await manager.find(ConflictDeclaration, { where: { panelMemberId: member.id } })).map((d) => d.bidId));
  return frame.bids.filter((b) => !recused.has(b.id)).flatMap((bid) => questions.map((question) => ({ bid, question })));
}

/** What the round asks to be scored: its compliant bids and its quality questions. Load once, share across members. */
export interface ScoringFrame {
  bids: Bid[];
  questions: QuestionNode[];
}

export async function scoringFrame(manager: EntityManager, roundId: string): Promise<ScoringFrame> {
  return {
    questions: questionsOf(await loadCriteriaTree(manager, roundId)).filter((q) => q.type === 'quality'),
    bids: await manager.find(Bid, { where: { roundId, compliance: 'compliant' }, order: { receivedAt: 'ASC' } }),
  };
}

export const assignmentKey = (bidId: string, criterionId: string) => `${bidId}/${criterionId}`;
