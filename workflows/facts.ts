// The vocabulary shared by the machines, the guards and the service that calls them.

export type RouteId = 'pa23-open' | 'pa23-competitive-flexible' | 'psr-competitive' | 'light-touch';

export const ROUTES: RouteId[] = ['pa23-open', 'pa23-competitive-flexible', 'psr-competitive', 'light-touch'];

/**
 * What the service knows about the round when an event arrives, computed from
 * the database. The machines never read the database or the clock: every
 * decision is made from these facts and the persisted context.
 */
export interface RoundFacts {
  now: string; // ISO instant
  tenderDeadline: string | null; // ISO instant
  weightProblems: string[]; // empty = weights valid; else plain sentences naming the level
  panelProblems: string[]; // empty = panel ready
  conflictsAssessmentRecorded: boolean; // PA23 s.83 assessment recorded by the lead before publish
  membersWithoutConflictDeclaration: string[]; // display names / panel codes
  panelSize: number;
  bidsReceived: number;
  bidsAwaitingCompliance: number;
  compliantBids: number;
  shortlistConfirmed: boolean; // competitive flexible only
  membersWithScoresOutstanding: string[]; // panel codes
  consensusOutstanding: number; // bid x question x group cells without consensus
  /** A preferred bidder is recorded (a round with lots: for at least one lot). */
  preferredBidRecorded: boolean;
  /** A round with lots: the lots (key and title) without a decision yet; absent or empty otherwise. */
  lotsUndecided?: string[];
  /** Assessed bidders (compliant bids) whose assessment summary has not been marked sent (PA23 s.50). */
  summariesNotSent: string[];
  /** When the round requires it: young partners who have not checked the questions and whom the lead has not excused. */
  youngPartnersYetToCheckQuestions: string[];
}

export const EVENT_TYPES = [
  'PUBLISH',
  'SHORTLIST_CONFIRMED',
  'TENDER_DEADLINE_PASSED',
  'COMPLETE_COMPLIANCE',
  'CLOSE_SCORING',
  'CLOSE_MODERATION',
  'ISSUE_AWARD_NOTICE',
  'CHALLENGE_RECEIVED',
  'RESUME_STANDSTILL',
  'REVISIT_DECISION',
  'REPRESENTATIONS_RECEIVED',
  'REVIEW_COMPLETED',
  'STANDSTILL_ELAPSED',
  'CANCEL',
] as const;

export type RoundEventType = (typeof EVENT_TYPES)[number];

export interface RoundEvent {
  type: RoundEventType;
  facts: RoundFacts;
  actor: string;
  reason?: string;
}

export const STATE_IDS = [
  'draft',
  'participation',
  'tendering',
  'compliance',
  'scoring',
  'moderation',
  'awardDecision',
  'standstill',
  'suspended',
  'review',
  'awarded',
  'cancelled',
  'noAward',
] as const;

export type RoundStateId = (typeof STATE_IDS)[number];

/** The machine context: persisted with the state, so plain JSON and as small as possible. */
export interface RoundContext {
  route: RouteId;
  standstillDays: number; // working days the award notice starts (0 = straight to awarded)
  voluntaryStandstillDays: number; // light-touch only; 0 on the other routes
  awardNoticeAt: string | null;
  standstillEndsAt: string | null;
  cancelReason: string | null;
}

export interface RoundInput {
  voluntaryStandstillDays?: number;
}

/** What the service stores for a round's workflow. */
export interface PersistedRound {
  machineId: string;
  machineVersion: number;
  value: string;
  context: RoundContext;
}
