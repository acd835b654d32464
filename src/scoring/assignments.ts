import { EntityManager } from 'typeorm';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { Bid } from '../bids/bid.entity.js';
import type { PanelMember } from '../round-core/panel-member.entity.js';
import { loadCriteriaTree, questionsOf, type QuestionNode } from '../criteria/criteria-tree.js';

export interface Assignment {
  bid: Bid;
  question: QuestionNode;
}

/**
 * What a panel member must score: the bids the access policy lets them score (compliant, after their
 * declaration, not recused), on every quality question their group scores. Price is scored by formula
 * and is never assigned to anyone.
 */
export async function assignmentsFor(manager: EntityManager, viewer: RoundViewer): Promise<Assignment[]> {
  return viewer.member ? assignmentsForMember(viewer, await scoringFrame(manager, viewer.member.roundId)) : [];
}

export function assignmentsForMember(viewer: RoundViewer, frame: ScoringFrame): Assignment[] {
  const member = viewer.member;
  if (!member) return [];
  const questions = frame.questions.filter((q) => scoresQuestion(member, q));
  return frame.bids.filter((bid) => viewer.mayScore(bid)).flatMap((bid) => questions.map((question) => ({ bid, question })));
}

/** Whether a member's group scores a question: a quality question their group is named on. */
export function scoresQuestion(member: Pick<PanelMember, 'group'>, question: { type: string | null; scoredBy: readonly string[] }): boolean {
  return question.type === 'quality' && question.scoredBy.includes(member.group);
}

/** What the round asks to be scored: its compliant bids and its quality questions. Load once, share across members. */
export interface ScoringFrame {
  bids: Bid[];
  questions: QuestionNode[];
}

/** `answers: false` leaves out the bids' answers, for counting (the progress) rather than showing. */
export async function scoringFrame(manager: EntityManager, roundId: string, options: { answers?: boolean } = {}): Promise<ScoringFrame> {
  return {
    questions: questionsOf(await loadCriteriaTree(manager, roundId)).filter((q) => q.type === 'quality'),
    // A practice bid (calibration exercise) is scored first.
    bids: await manager.find(Bid, {
      where: { roundId, compliance: 'compliant' },
      order: { practice: 'DESC', receivedAt: 'ASC', id: 'ASC' },
      ...(options.answers === false ? { select: { id: true, roundId: true, supplierName: true, lotKey: true, compliance: true, receivedAt: true, practice: true } } : {}),
    }),
  };
}

export const assignmentKey = (bidId: string, criterionId: string) => `${bidId}/${criterionId}`;
