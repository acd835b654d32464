import type { RoundContext, RoundEvent, RoundEventType, RoundFacts } from './facts.js';
import { formatLondon, instant } from './london-time.js';

/**
 * A guard returns the reasons it refuses, in words a commissioner can act on;
 * an empty list means the transition may happen. The machines wrap these (allowed
 * = no reasons), so the rule that blocks a move is also the text that explains it.
 */
export type Guard = (context: RoundContext, facts: RoundFacts, event: RoundEvent) => string[];

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A weighty step (cancelling, closing scoring without everyone, a challenge) needs a real reason, not "x". */
export const MIN_REASON_LENGTH = 20;

function hasReason(event: RoundEvent): boolean {
  return (event.reason ?? '').trim().length >= MIN_REASON_LENGTH;
}

/** What to add when a reason was given but is too short to be one. */
function reasonHint(event: RoundEvent): string {
  const given = (event.reason ?? '').trim().length;
  return given === 0 ? '' : ` (a reason needs at least ${MIN_REASON_LENGTH} characters; this one has ${given})`;
}

function isPast(now: string, deadline: string): boolean {
  return instant(now) >= instant(deadline);
}

function deadlineInFuture(facts: RoundFacts): string[] {
  if (!facts.tenderDeadline) return ['No tender deadline has been set'];
  if (isPast(facts.now, facts.tenderDeadline)) {
    return [`The tender deadline (${formatLondon(facts.tenderDeadline)}) is not in the future`];
  }
  return [];
}

const readyToPublish: Guard = (_context, facts) => [
  ...facts.weightProblems,
  ...facts.panelProblems,
  ...(facts.conflictsAssessmentRecorded ? [] : ['The conflicts assessment (PA23 s.83) has not been recorded']),
  ...deadlineInFuture(facts),
  ...questionsChecked(facts),
];

// A round that requires it waits for its young partners to check the questions (or the lead's reason why not).
function questionsChecked(facts: RoundFacts): string[] {
  const waiting = facts.youngPartnersYetToCheckQuestions;
  if (waiting.length === 0) return [];
  return [`${count(waiting.length, 'young partner')} ${waiting.length === 1 ? 'has' : 'have'} not checked the questions: ${waiting.join(', ')}; wait for them, or record why not`];
}

// Invitations to tender go to the shortlist, with a deadline still ahead of them.
const shortlistConfirmed: Guard = (_context, facts) => [
  ...(facts.shortlistConfirmed ? [] : ['The shortlist of suppliers invited to tender has not been confirmed']),
  ...deadlineInFuture(facts),
];

const tenderDeadlinePassed: Guard = (_context, facts) => {
  if (!facts.tenderDeadline) return ['No tender deadline has been set'];
  if (!isPast(facts.now, facts.tenderDeadline)) {
    return [`The tender deadline (${formatLondon(facts.tenderDeadline)}) has not passed`];
  }
  return [];
};

// Panellists declare conflicts against the actual bidders before they see a bid,
// so scoring cannot open until everyone has declared. With no compliant bid there
// is nothing to score and the round ends in noAward, declarations or not.
const complianceComplete: Guard = (_context, facts) => {
  const reasons: string[] = [];
  const awaiting = facts.bidsAwaitingCompliance;
  if (awaiting > 0) {
    reasons.push(`${count(awaiting, 'bid')} ${awaiting === 1 ? 'is' : 'are'} still awaiting a compliance check`);
  }
  const undeclared = facts.membersWithoutConflictDeclaration;
  if (facts.compliantBids > 0 && undeclared.length > 0) {
    reasons.push(
      `${undeclared.length} of ${count(facts.panelSize, 'panel member')} ` +
        `${undeclared.length === 1 ? 'has' : 'have'} not declared conflicts: ${undeclared.join(', ')}`,
    );
  }
  return reasons;
};

// The lead may close scoring with someone missing, but must say why (it is audited).
const scoresSubmittedOrReasonGiven: Guard = (_context, facts, event) => {
  const missing = facts.membersWithScoresOutstanding;
  if (missing.length === 0 || hasReason(event)) return [];
  return [
    `${count(missing.length, 'panel member')} ${missing.length === 1 ? 'has' : 'have'} not submitted their scores: ` +
      `${missing.join(', ')}; give a reason to close scoring without them${reasonHint(event)}`,
  ];
};

const consensusReached: Guard = (_context, facts) => {
  const open = facts.consensusOutstanding;
  if (open === 0) return [];
  return [`${count(open, 'consensus mark')} ${open === 1 ? 'is' : 'are'} still to be agreed`];
};

// PA23 s.50: every assessed bidder is sent its assessment summary before the award notice.
const readyForAwardNotice: Guard = (_context, facts) => {
  const unsent = facts.summariesNotSent;
  const undecided = facts.lotsUndecided ?? [];
  return [
    ...(undecided.length === 0 ? [] : [`${count(undecided.length, 'lot has', 'lots have')} no award decision yet: ${undecided.join(', ')}`]),
    ...(facts.preferredBidRecorded ? [] : ['No preferred bid has been recorded']),
    ...(unsent.length === 0 ? [] : [`${count(unsent.length, 'assessment summary', 'assessment summaries')} ${unsent.length === 1 ? 'has' : 'have'} not been marked sent: ${unsent.join(', ')}`]),
  ];
};

const standstillElapsed: Guard = (context, facts) => {
  if (!context.standstillEndsAt) return ['No standstill end is recorded'];
  if (!isPast(facts.now, context.standstillEndsAt)) {
    return [`The standstill ends at ${formatLondon(context.standstillEndsAt)}; the contract cannot be awarded before then`];
  }
  return [];
};

// PSR: providers make representations during the standstill, not after it.
const withinStandstill: Guard = (context, facts) => {
  if (context.standstillEndsAt && isPast(facts.now, context.standstillEndsAt)) {
    return [`The standstill ended at ${formatLondon(context.standstillEndsAt)}; representations must be made during it`];
  }
  return [];
};

const REASON_REQUIRED: Partial<Record<RoundEventType, string>> = {
  CANCEL: 'A reason is required to cancel a round',
  CHALLENGE_RECEIVED: 'A reason is required to record a challenge',
  REVISIT_DECISION: 'A reason is required to revisit the award decision',
};

const reasonGiven: Guard = (_context, _facts, event) =>
  hasReason(event) ? [] : [`${REASON_REQUIRED[event.type] ?? `A reason is required for ${event.type}`}${reasonHint(event)}`];

export interface GuardSpec {
  check: Guard;
  /** What must be true, for the workflow diagram. */
  label: string;
  /** Refuses only for a missing reason: listed as allowed, since the lead supplies one when acting. */
  reasonOnly?: true;
}

export const GUARDS = {
  readyToPublish: {
    check: readyToPublish,
    label: 'weights valid, panel ready, conflicts assessed, tender deadline ahead, questions checked by young partners (if required)',
  },
  shortlistConfirmed: { check: shortlistConfirmed, label: 'shortlist confirmed, tender deadline ahead' },
  tenderDeadlinePassed: { check: tenderDeadlinePassed, label: 'tender deadline passed' },
  complianceComplete: {
    check: complianceComplete,
    label: 'every bid checked; panel declared conflicts if there is a bid to score',
  },
  scoresSubmittedOrReasonGiven: {
    check: scoresSubmittedOrReasonGiven,
    label: 'all scores submitted, or a reason given',
  },
  consensusReached: { check: consensusReached, label: 'every consensus mark agreed' },
  readyForAwardNotice: { check: readyForAwardNotice, label: 'preferred bid recorded, every assessment summary sent' },
  standstillElapsed: { check: standstillElapsed, label: 'standstill ended' },
  withinStandstill: { check: withinStandstill, label: 'during the standstill' },
  reasonGiven: { check: reasonGiven, label: 'reason given', reasonOnly: true },
} satisfies Record<string, GuardSpec>;

export type GuardName = keyof typeof GUARDS;

/**
 * Conditions that choose between the targets of one event. They never refuse an
 * event (the event's guard does that), so they explain nothing.
 */
export const BRANCHES = {
  noCompliantBid: { test: (_context: RoundContext, facts: RoundFacts) => facts.compliantBids === 0, label: 'no compliant bid' },
  hasStandstill: { test: (context: RoundContext) => context.standstillDays > 0, label: 'voluntary standstill' },
} satisfies Record<string, { test: (context: RoundContext, facts: RoundFacts) => boolean; label: string }>;

export type BranchName = keyof typeof BRANCHES;
