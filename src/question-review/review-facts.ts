import { EntityManager } from 'typeorm';
import { questionsOf, type QuestionNode, type SectionNode } from '../criteria/criteria-tree.js';
import type { PanelMember } from '../round-core/panel-member.entity.js';
import { QuestionFeedback, QuestionReviewSetting, QuestionReviewWaiver } from './question-review.entity.js';

/** The questions a young partner will score, and so checks before publication: quality questions their group scores. */
export const questionsToCheck = (tree: SectionNode[]): QuestionNode[] =>
  questionsOf(tree).filter((q) => q.type === 'quality' && q.scoredBy.includes('youngPartner'));

/** How a young partner is named to the lead: their name and panel code (the lead knows them; exports never show this). */
export const reviewerName = (member: PanelMember): string => (member.user ? `${member.user.displayName} (${member.panelCode})` : member.panelCode);

export interface ReviewerStatus {
  member: PanelMember;
  checked: number;
  toCheck: number;
  /** Has said "clear" or suggested words on every question they will score. */
  done: boolean;
  waiver: QuestionReviewWaiver | null;
}

/** Each active young partner on the panel: how many of their questions they have checked, and any "why not" the lead recorded. */
export async function reviewerStatuses(manager: EntityManager, roundId: string, tree: SectionNode[], members: PanelMember[]): Promise<ReviewerStatus[]> {
  const keys = new Set(questionsToCheck(tree).map((q) => q.key));
  const youngPartners = members.filter((m) => m.group === 'youngPartner' && m.withdrawnAt === null);
  if (youngPartners.length === 0) return [];
  const feedback = await manager.find(QuestionFeedback, { where: { roundId }, select: { panelMemberId: true, questionKey: true } });
  const waivers = await manager.find(QuestionReviewWaiver, { where: { roundId } });
  return youngPartners.map((member) => {
    const checked = new Set(feedback.filter((f) => f.panelMemberId === member.id && keys.has(f.questionKey)).map((f) => f.questionKey)).size;
    return { member, checked, toCheck: keys.size, done: checked === keys.size, waiver: waivers.find((w) => w.panelMemberId === member.id) ?? null };
  });
}

export async function reviewRequired(manager: EntityManager, roundId: string): Promise<boolean> {
  return (await manager.findOneBy(QuestionReviewSetting, { roundId }))?.required ?? false;
}

/**
 * The workflow fact `youngPartnersYetToCheckQuestions`: when the round requires the review, the young
 * partners on the panel who have neither checked every question they will score nor been excused by
 * the lead with a reason. `members` must carry their users (for names).
 */
export async function youngPartnersYetToCheckQuestions(manager: EntityManager, roundId: string, tree: SectionNode[], members: PanelMember[]): Promise<string[]> {
  if (!(await reviewRequired(manager, roundId))) return [];
  return (await reviewerStatuses(manager, roundId, tree, members)).filter((s) => !s.done && !s.waiver).map((s) => reviewerName(s.member));
}
