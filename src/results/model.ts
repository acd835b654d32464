/**
 * The shapes the results calculation reads and writes. Every number that is a mark, weight, price or
 * score travels as a decimal string, so nothing passes through a JavaScript float.
 */

import type { PanelGroup } from '../domain/panel-group.js';

export { PANEL_GROUPS, GROUP_LABELS as GROUP_NAMES, type PanelGroup } from '../domain/panel-group.js';

export type QuestionType = 'quality' | 'price' | 'passFail';
export type TieBreakRule = 'highestQualityScore' | 'lowestPrice' | 'highestYoungPartnerContribution';

export interface QuestionInput {
  id: string;
  key: string;
  title: string;
  type: QuestionType;
  /** Percent of its section, as a decimal string; "0" for pass/fail questions. */
  weight: string;
  /** Minimum mark on the scale; a bid below it on this question is disqualified. */
  threshold: number | null;
  /** The panel groups that score it (quality questions only). */
  scoredBy: readonly PanelGroup[];
  /** Percent of the question's mark taken from each scoring group, as decimal strings summing to 100. */
  groupWeights: Partial<Record<PanelGroup, string>>;
}

export interface SectionInput {
  id: string;
  key: string;
  title: string;
  /** Percent of the whole, as a decimal string. */
  weight: string;
  questions: readonly QuestionInput[];
}

export interface BidInput {
  id: string;
  supplierName: string;
  /** Decimal string, or null when the bid has no price (yet). */
  price: string | null;
  /** false when the bid was excluded at compliance. */
  compliant: boolean;
}

/** A group's mark for one bid on one quality question: the consensus, or (provisional) the mean of individual marks. */
export interface GroupMarkInput {
  bidId: string;
  criterionId: string;
  group: PanelGroup;
  mark: string;
}

export interface ResultsInput {
  /** Marks run from 0 to scaleMax (4 or 5). */
  scaleMax: number;
  sections: readonly SectionInput[];
  bids: readonly BidInput[];
  marks: readonly GroupMarkInput[];
  tieBreak: { rule: TieBreakRule };
}

/** Where a bid's points came from. professional + youngPartner + price = the score it splits, exactly. */
export interface Contributions {
  professional: string;
  youngPartner: string;
  price: string;
}

/**
 * scored: the line counts. incomplete: a mark or price is missing, the line counts 0.
 * notScored: a pass/fail question (decided at compliance, no marks). notEvaluated: the bid was excluded.
 */
export type LineStatus = 'scored' | 'incomplete' | 'notScored' | 'notEvaluated';

export interface QuestionLine {
  criterionId: string;
  key: string;
  title: string;
  type: QuestionType;
  sectionId: string;
  sectionKey: string;
  /** Percent of the whole: section weight x question weight / 100. */
  effectiveWeight: string;
  threshold: number | null;
  /** The group marks present for this bid (only the groups that score the question). */
  groupMarks: Partial<Record<PanelGroup, string>>;
  /** Blended mark (quality) or price mark; null when not scored. */
  mark: string | null;
  /** mark / scaleMax x effective weight; "0" unless status is scored. */
  weightedScore: string;
  contributions: Contributions;
  status: LineStatus;
  /** What is missing when status is incomplete, e.g. "no young partner mark". */
  missing: string[];
}

export interface SectionTotal {
  sectionId: string;
  key: string;
  title: string;
  weight: string;
  total: string;
  contributions: Contributions;
}

export interface ThresholdFailure {
  criterionId: string;
  key: string;
  title: string;
  mark: string;
  threshold: number;
  /** e.g. "Q3 Safeguarding: 1.5 is below the minimum of 2" */
  message: string;
}

export interface TieInfo {
  rule: TieBreakRule;
  /** tieBreakApplied: the published rule separated this bid from every bid with the same total. */
  outcome: 'tieBreakApplied' | 'tieUnresolved';
  /** Eligible bids with exactly the same total. */
  tiedOnTotalWith: string[];
  /** Of those, the bids the rule could not separate from this one (they share its rank). */
  sharesRankWith: string[];
  explanation: string;
}

export type BidStatus = 'ranked' | 'disqualified' | 'excluded';

export interface BidResult {
  id: string;
  supplierName: string;
  price: string | null;
  compliant: boolean;
  status: BidStatus;
  eligible: boolean;
  /** Why the bid is not eligible; null when it is. */
  reason: string | null;
  lines: QuestionLine[];
  sectionTotals: SectionTotal[];
  total: string;
  /** Sum of the weighted scores of quality questions (the highestQualityScore tie-break). */
  qualityScore: string;
  contributions: Contributions;
  thresholdFailures: ThresholdFailure[];
  /** false when any line is incomplete; see `incomplete`. */
  complete: boolean;
  /** One sentence per incomplete line, e.g. "Q2 Feeling safe: no young partner mark". */
  incomplete: string[];
  /** Competition ranking (1, 1, 3) among eligible bids; null when not eligible. */
  rank: number | null;
  /** true when the bid shares its rank with another bid. */
  tie: boolean;
  /** Set when another eligible bid has exactly the same total. */
  tieBreak: TieInfo | null;
}

export interface RoundResults {
  scaleMax: number;
  tieBreakRule: TieBreakRule;
  /** The lowest price among compliant bids with a price: the price formula's numerator. */
  lowestCompliantPrice: string | null;
  /** false when any evaluated bid is incomplete. */
  complete: boolean;
  /** Problems with the published weights (see weightProblems); empty for a sound method. */
  weightProblems: string[];
  /** Ranked bids by rank, then disqualified, then excluded bids; by supplier name within each. */
  bids: BidResult[];
}
