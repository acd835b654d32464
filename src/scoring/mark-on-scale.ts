import { BusinessRuleError } from '../common/errors.js';
import { ScoringErrorCode } from './scoring-error-codes.js';

/** A mark (an individual score or a consensus) is on the round's scale: 0 to its max (the DTOs check 0 and whole numbers). */
export function assertMarkOnScale(mark: number, scale: { max: number }): void {
  if (mark > scale.max) throw new BusinessRuleError(ScoringErrorCode.MarkAboveScale, `The mark must be between 0 and ${scale.max}`, { field: 'mark' });
}
