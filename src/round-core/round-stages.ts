/**
 * Where a round is in its life, as the access rules and services need to know it: each list once, here.
 * (The workflow in workflows/ decides the moves; these say what each stage allows.)
 */

/** Bids are sealed: nobody on the panel may see them, or that they exist. */
export const BIDS_SEALED = new Set(['draft', 'participation', 'tendering']);

/**
 * Panellists declare conflicts against the actual bidders once bids are opened, and may declare a new
 * interest until moderation closes (it recuses them from that bid from then on).
 */
export const CONFLICTS_DECLARABLE = new Set(['compliance', 'scoring', 'moderation']);

/** Moderation has closed: results are final and an award decision can exist. */
export const DECIDED = new Set(['awardDecision', 'standstill', 'suspended', 'review', 'awarded']);

/** Scoring has closed: the lead may see individual marks. */
export const SCORING_CLOSED = new Set(['moderation', ...DECIDED]);

/** Scoring has opened: there are marks, results (provisional at first) and a workbook. */
export const SCORING_STARTED = new Set(['scoring', ...SCORING_CLOSED]);

/** The round is over. */
export const ENDED = new Set(['awarded', 'cancelled', 'noAward']);
