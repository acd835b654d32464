import { exactString, HUNDRED, parseDecimal, sum, ZERO, type Decimal } from './exact.js';
import { GROUP_NAMES, PANEL_GROUPS, type QuestionInput, type SectionInput } from './model.js';

/** The parts of a criteria tree that weightProblems reads (the full tree types fit). */
export type WeightedQuestion = Pick<QuestionInput, 'key' | 'title' | 'type' | 'weight' | 'scoredBy' | 'groupWeights'>;
export interface WeightedSection extends Pick<SectionInput, 'key' | 'title' | 'weight'> {
  questions: readonly WeightedQuestion[];
}

/** A question's share of the whole, in percent: section weight x question weight / 100 (exact). */
export function effectiveWeight(sectionWeight: Decimal, questionWeight: Decimal): Decimal {
  return sectionWeight.times(questionWeight).div(HUNDRED);
}

/** The groups that score a question, once each, in a fixed order. */
export function scoringGroups(question: Pick<QuestionInput, 'scoredBy'>) {
  return PANEL_GROUPS.filter((group) => question.scoredBy.includes(group));
}

const label = (node: { key: string; title: string }) => `${node.key} ${node.title}`;
const groupList = (groups: readonly string[]) => groups.map((g) => GROUP_NAMES[g as keyof typeof GROUP_NAMES]).join(' and ');

/**
 * The weight rules of a published method, each broken rule as a plain sentence naming the level:
 * section weights sum to 100; each section's question weights sum to 100; each quality question is
 * scored by at least one group and its group weights sum to 100 over those groups; pass/fail
 * questions carry no weight. Empty when the weights are sound.
 */
export function weightProblems(sections: readonly WeightedSection[]): string[] {
  const problems: string[] = [];

  // Reads one weight; a sentence instead of a number when it is not a non-negative decimal.
  const read = (value: unknown, what: string): Decimal | null => {
    const weight = parseDecimal(value);
    if (weight === null) problems.push(`${what} is not a number: ${JSON.stringify(value)}`);
    else if (weight.isNegative()) problems.push(`${what} is negative (${exactString(weight)})`);
    else return weight;
    return null;
  };
  const checkSum = (weights: readonly (Decimal | null)[], sentence: (total: string) => string) => {
    if (weights.some((w) => w === null)) return; // already reported; a sum would mislead
    const total = sum(weights as Decimal[]);
    if (!total.eq(HUNDRED)) problems.push(sentence(exactString(total)));
  };

  const sectionWeights = sections.map((section) => read(section.weight, `The weight of section ${label(section)}`));
  checkSum(sectionWeights, (total) => `The section weights sum to ${total}, not 100`);

  for (const section of sections) {
    const questionWeights = section.questions.map((q) => read(q.weight, `The weight of question ${label(q)}`));
    checkSum(questionWeights, (total) => `The question weights in section ${label(section)} sum to ${total}, not 100`);

    section.questions.forEach((question, index) => {
      const where = `question ${label(question)}`;
      if (question.type === 'passFail') {
        const weight = questionWeights[index];
        if (weight && !weight.eq(ZERO)) {
          problems.push(`Question ${label(question)} is a pass/fail question with a weight of ${exactString(weight)}; pass/fail questions carry no weight`);
        }
        return;
      }
      if (question.type !== 'quality') return;
      const groups = scoringGroups(question);
      if (groups.length === 0) {
        problems.push(`Question ${label(question)} is a quality question scored by no panel group`);
        return;
      }
      // A missing group weight counts as 0, so the sum sentence names the shortfall.
      const groupWeights = groups.map((group) => {
        const value = question.groupWeights[group];
        return value === undefined ? ZERO : read(value, `The ${GROUP_NAMES[group]} group weight of ${where}`);
      });
      checkSum(groupWeights, (total) => `The group weights of ${where} sum to ${total} over its scoring groups (${groupList(groups)}), not 100`);
    });
  }
  return problems;
}
