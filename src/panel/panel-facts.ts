import type { QuestionNode } from '../criteria/criteria-tree.js';
import { GROUP_LABELS, PANEL_GROUPS } from '../domain/panel-group.js';
import type { PanelMember } from '../round-core/panel-member.entity.js';

/**
 * What the panel tells the workflow (read by workflow-facts/): why the panel is not ready to publish,
 * as sentences. `members` are those not withdrawn.
 */
export function panelProblems(questions: QuestionNode[], sections: number, members: PanelMember[]): string[] {
  const problems: string[] = [];
  if (members.length === 0) problems.push('No panel members have been added');
  for (const group of PANEL_GROUPS) {
    const scored = questions.filter((q) => q.type === 'quality' && q.scoredBy.includes(group));
    if (scored.length > 0 && !members.some((m) => m.group === group)) {
      problems.push(`No ${GROUP_LABELS[group]} is on the panel, but ${scored.length === 1 ? 'question' : 'questions'} ${scored.map((q) => q.key).join(', ')} ${scored.length === 1 ? 'is' : 'are'} scored by ${GROUP_LABELS[group]}s`);
    }
  }
  if (sections === 0) problems.push('The round has no criteria');
  return problems;
}
