// Test helpers: facts that satisfy every guard, and for each guard the ways to break it.
import type { RoundContext, RoundEvent, RoundEventType, RoundFacts } from './facts.js';
import type { GuardName } from './guards.js';

export const TENDER_DEADLINE = '2026-11-24T12:00:00Z'; // a Tuesday, GMT
export const AWARD_NOTICE_AT = '2026-12-23T10:00:00Z'; // the Wednesday before Christmas

/** When each event happens in the happy path, so that time-based guards pass. */
const WHEN: Record<RoundEventType, string> = {
  PUBLISH: '2026-10-01T09:00:00Z',
  SHORTLIST_CONFIRMED: '2026-10-20T09:00:00Z',
  TENDER_DEADLINE_PASSED: TENDER_DEADLINE,
  COMPLETE_COMPLIANCE: '2026-11-27T16:00:00Z',
  CLOSE_SCORING: '2026-12-09T16:00:00Z',
  CLOSE_MODERATION: '2026-12-16T16:00:00Z',
  ISSUE_AWARD_NOTICE: AWARD_NOTICE_AT,
  CHALLENGE_RECEIVED: '2026-12-24T11:00:00Z',
  RESUME_STANDSTILL: '2026-12-30T09:00:00Z',
  REVISIT_DECISION: '2026-12-30T09:00:00Z',
  REPRESENTATIONS_RECEIVED: '2026-12-24T11:00:00Z',
  REVIEW_COMPLETED: '2027-01-06T15:00:00Z',
  STANDSTILL_ELAPSED: '2027-02-01T00:00:00Z', // replaced by the standstill end when there is one
  CANCEL: '2026-10-02T09:00:00Z',
};

const NEEDS_REASON: RoundEventType[] = ['CANCEL', 'CHALLENGE_RECEIVED', 'REVISIT_DECISION'];

export function okFacts(overrides: Partial<RoundFacts> = {}): RoundFacts {
  return {
    now: WHEN.PUBLISH,
    tenderDeadline: TENDER_DEADLINE,
    weightProblems: [],
    panelProblems: [],
    conflictsAssessmentRecorded: true,
    membersWithoutConflictDeclaration: [],
    panelSize: 6,
    bidsReceived: 3,
    bidsAwaitingCompliance: 0,
    compliantBids: 2,
    shortlistConfirmed: true,
    membersWithScoresOutstanding: [],
    consensusOutstanding: 0,
    preferredBidRecorded: true,
    summariesNotSent: [],
    youngPartnersYetToCheckQuestions: [],
    ...overrides,
  };
}

/** An event of `type` that every guard accepts, at its moment in the happy path. */
export function okEvent(type: RoundEventType, context: RoundContext, overrides: Partial<RoundFacts> = {}): RoundEvent {
  const now = type === 'STANDSTILL_ELAPSED' && context.standstillEndsAt ? context.standstillEndsAt : WHEN[type];
  return {
    type,
    facts: okFacts({ now, ...overrides }),
    actor: 'lead@example.org',
    ...(NEEDS_REASON.includes(type) ? { reason: 'Recorded by the round lead' } : {}),
  };
}

/** The passing events for a state's accepted event types; COMPLETE_COMPLIANCE has both outcomes. */
export function okEvents(type: RoundEventType, context: RoundContext): RoundEvent[] {
  if (type === 'COMPLETE_COMPLIANCE') {
    return [okEvent(type, context), okEvent(type, context, { compliantBids: 0, bidsReceived: 1 })];
  }
  return [okEvent(type, context)];
}

export interface Violation {
  name: string;
  break: (event: RoundEvent, context: RoundContext) => RoundEvent;
  expected: string | RegExp;
}

const withFacts = (overrides: Partial<RoundFacts>) => (event: RoundEvent): RoundEvent => ({
  ...event,
  facts: { ...event.facts, ...overrides },
});

const secondsBefore = (iso: string, seconds: number) => new Date(Date.parse(iso) - seconds * 1000).toISOString();

/** For every guard, facts or events that it must refuse, and the reason it should give. */
export const VIOLATIONS: Record<GuardName, Violation[]> = {
  readyToPublish: [
    {
      name: 'weights do not sum to 100',
      break: withFacts({ weightProblems: ['Quality questions weigh 95%, not 100%'] }),
      expected: 'Quality questions weigh 95%, not 100%',
    },
    {
      name: 'panel not ready',
      break: withFacts({ panelProblems: ['No young partner on the panel but 2 questions are scored by young partners'] }),
      expected: 'No young partner on the panel but 2 questions are scored by young partners',
    },
    {
      name: 'no conflicts assessment',
      break: withFacts({ conflictsAssessmentRecorded: false }),
      expected: 'The conflicts assessment (PA23 s.83) has not been recorded',
    },
    { name: 'no tender deadline', break: withFacts({ tenderDeadline: null }), expected: 'No tender deadline has been set' },
    {
      name: 'tender deadline already passed',
      break: withFacts({ now: '2026-11-24T12:00:00Z' }),
      expected: 'The tender deadline (24 Nov 2026 12:00) is not in the future',
    },
    {
      name: 'young partners have not checked the questions',
      break: withFacts({ youngPartnersYetToCheckQuestions: ['Amira (YP1)', 'Jay (YP3)'] }),
      expected: '2 young partners have not checked the questions: Amira (YP1), Jay (YP3); wait for them, or record why not',
    },
    {
      name: 'one young partner has not checked the questions',
      break: withFacts({ youngPartnersYetToCheckQuestions: ['Jay (YP3)'] }),
      expected: '1 young partner has not checked the questions: Jay (YP3); wait for them, or record why not',
    },
  ],
  shortlistConfirmed: [
    {
      name: 'shortlist not confirmed',
      break: withFacts({ shortlistConfirmed: false }),
      expected: 'The shortlist of suppliers invited to tender has not been confirmed',
    },
    {
      name: 'tender deadline already passed',
      break: withFacts({ now: '2026-11-25T09:00:00Z' }),
      expected: 'The tender deadline (24 Nov 2026 12:00) is not in the future',
    },
  ],
  tenderDeadlinePassed: [
    {
      name: 'one second before the deadline',
      break: withFacts({ now: '2026-11-24T11:59:59Z' }),
      expected: 'The tender deadline (24 Nov 2026 12:00) has not passed',
    },
    { name: 'no tender deadline', break: withFacts({ tenderDeadline: null }), expected: 'No tender deadline has been set' },
  ],
  complianceComplete: [
    {
      name: 'bids still being checked',
      break: withFacts({ bidsAwaitingCompliance: 2 }),
      expected: '2 bids are still awaiting a compliance check',
    },
    {
      name: 'bids still being checked, none compliant yet',
      break: withFacts({ bidsAwaitingCompliance: 1, compliantBids: 0 }),
      expected: '1 bid is still awaiting a compliance check',
    },
    {
      name: 'panel members have not declared conflicts',
      break: withFacts({ membersWithoutConflictDeclaration: ['YP2', 'P3'] }),
      expected: '2 of 6 panel members have not declared conflicts: YP2, P3',
    },
  ],
  scoresSubmittedOrReasonGiven: [
    {
      name: 'scores outstanding and no reason',
      break: withFacts({ membersWithScoresOutstanding: ['YP1', 'P2', 'P3'] }),
      expected: '3 panel members have not submitted their scores: YP1, P2, P3; give a reason to close scoring without them',
    },
    {
      name: 'scores outstanding and a blank reason',
      break: (event) => ({ ...withFacts({ membersWithScoresOutstanding: ['YP1'] })(event), reason: '  ' }),
      expected: /^1 panel member has not submitted their scores: YP1/,
    },
    {
      name: 'scores outstanding and a one-word reason',
      break: (event) => ({ ...withFacts({ membersWithScoresOutstanding: ['YP1'] })(event), reason: 'Closing' }),
      expected: '1 panel member has not submitted their scores: YP1; give a reason to close scoring without them (a reason needs at least 20 characters; this one has 7)',
    },
  ],
  consensusReached: [
    { name: 'consensus missing', break: withFacts({ consensusOutstanding: 4 }), expected: '4 consensus marks are still to be agreed' },
  ],
  readyForAwardNotice: [
    { name: 'no preferred bid', break: withFacts({ preferredBidRecorded: false }), expected: 'No preferred bid has been recorded' },
    { name: 'lots undecided', break: withFacts({ lotsUndecided: ['L2 South', 'L3 East'] }), expected: '2 lots have no award decision yet: L2 South, L3 East' },
    {
      name: 'summaries not sent',
      break: withFacts({ summariesNotSent: ['Safer Futures CIC', 'Youth Link Partnership'] }),
      expected: '2 assessment summaries have not been marked sent: Safer Futures CIC, Youth Link Partnership',
    },
    { name: 'one summary not sent', break: withFacts({ summariesNotSent: ['Youth Link Partnership'] }), expected: '1 assessment summary has not been marked sent: Youth Link Partnership' },
  ],
  standstillElapsed: [
    {
      name: 'one second before the standstill ends',
      break: (event, context) => withFacts({ now: secondsBefore(context.standstillEndsAt!, 1) })(event),
      expected: /^The standstill ends at \d+ \w{3} \d{4} 00:00; the contract cannot be awarded before then$/,
    },
  ],
  withinStandstill: [
    {
      name: 'representations after the standstill ended',
      break: (event, context) => withFacts({ now: context.standstillEndsAt! })(event),
      expected: /representations must be made during it$/,
    },
  ],
  reasonGiven: [
    { name: 'no reason', break: (event) => ({ ...event, reason: undefined }), expected: /^A reason is required to / },
    { name: 'a blank reason', break: (event) => ({ ...event, reason: ' \n ' }), expected: /^A reason is required to / },
    { name: 'a reason too short to be one', break: (event) => ({ ...event, reason: 'because' }), expected: /^A reason is required to .+ \(a reason needs at least 20 characters; this one has 7\)$/ },
  ],
};
