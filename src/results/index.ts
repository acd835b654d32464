export { calculateResults, ResultsInputError } from './calculate-results.js';
export { exactString, toDisplay, type Decimal } from './exact.js';
export { meanMark, spread } from './marks.js';
export { bySupplierName, naturalOrder } from './order.js';
export { compareByTieBreak, rankBids, type Placing, type Rankable } from './ranking.js';
export { effectiveWeight, weightProblems, type WeightedQuestion, type WeightedSection } from './weights.js';
export * from './model.js';
