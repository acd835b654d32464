import { Exact, exactString, quotient, sum } from './exact.js';

function decimals(marks: readonly number[], what: string) {
  if (marks.length === 0) throw new RangeError(`${what} needs at least one mark`);
  return marks.map((mark) => {
    if (!Number.isFinite(mark)) throw new RangeError(`${what}: ${mark} is not a mark`);
    return new Exact(mark);
  });
}

/**
 * The mean of individual marks as a decimal string, for provisional results before consensus.
 * Exact when it terminates (2.5, 2.75); a recurring mean (7/3) is carried to 40 significant digits.
 */
export function meanMark(marks: readonly number[]): string {
  const values = decimals(marks, 'meanMark');
  return exactString(quotient(sum(values), values.length));
}

/** Highest mark minus lowest: how far panellists disagree (moderation looks at the largest first). */
export function spread(marks: readonly number[]): number {
  const values = decimals(marks, 'spread');
  return Exact.max(...values).minus(Exact.min(...values)).toNumber();
}
