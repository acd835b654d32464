import { calculateResults } from '../results/calculate-results.js';
import { Exact, HUNDRED, quotient, sum, type Decimal } from '../results/exact.js';
import { effectiveWeight } from '../results/weights.js';
import type { QuestionInput, ResultsInput, RoundResults } from '../results/model.js';

/** Scored by young partners alone (their own questions). */
export const youngPartnerOwned = (q: Pick<QuestionInput, 'type' | 'scoredBy'>) =>
  q.type === 'quality' && q.scoredBy.length > 0 && q.scoredBy.every((g) => g === 'youngPartner');

export interface WithoutYoungPartners {
  results: RoundResults;
  /** What the remaining questions were worth, in points of the published 100 (the others' totals are out of this). */
  outOf: string;
}

/**
 * The round recalculated as if young partners had not taken part: their own questions are left out,
 * a question both groups score counts the professionals' mark alone, and every other weight stays as
 * published (so totals are out of `outOf`; scaling them to 100 would change no order). The calculation
 * is calculateResults itself: this only chooses its input. null when nothing would be left to score.
 */
export function withoutYoungPartners(input: ResultsInput): WithoutYoungPartners | null {
  const sections = input.sections
    .map((s) => ({
      ...s,
      questions: s.questions.filter((q) => !youngPartnerOwned(q)).map((q) => (q.type === 'quality' && q.scoredBy.includes('youngPartner')
        ? { ...q, scoredBy: ['professional' as const], groupWeights: { professional: '100' } }
        : q)),
    }))
    .filter((s) => s.questions.length > 0);
  const outOf = sum(sections.flatMap((s) => s.questions.filter((q) => q.type !== 'passFail').map((q) => effectiveWeight(new Exact(s.weight), new Exact(q.weight)))));
  if (outOf.isZero()) return null;
  const results = calculateResults({ ...input, sections, marks: input.marks.filter((m) => m.group !== 'youngPartner') });
  return { results, outOf: outOf.toString() };
}

/** A total out of `outOf` points as points out of 100 (for showing side by side with the published totals). */
export const outOfHundred = (total: string, outOf: string): Decimal => quotient(new Exact(total).times(HUNDRED), outOf);
