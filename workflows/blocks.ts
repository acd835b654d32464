import { and, assign, setup } from 'xstate';
import { STATE_IDS, type RoundContext, type RoundEvent, type RoundEventType, type RoundInput, type RoundStateId, type RouteId } from './facts.js';
import { BRANCHES, GUARDS, type BranchName, type GuardName } from './guards.js';
import { standstillEnd, type StandstillConvention } from './working-days.js';

// The routes differ in a few transitions, so each route is a list of transitions
// assembled from the blocks below, and one function turns any list into a machine.
// The same list answers "why not?" and draws the diagram.

export type ActionName = 'issueAwardNotice' | 'restartStandstillAfterReview' | 'withdrawAwardNotice' | 'recordCancellation';

export interface TransitionSpec {
  from: RoundStateId;
  event: RoundEventType;
  to: RoundStateId;
  /** Refuses the move, with reasons. */
  guard?: GuardName;
  /** Picks this target when one event has several; never refuses the event on its own. */
  when?: BranchName;
  action?: ActionName;
}

export interface RouteSpec {
  id: RouteId;
  /** Bump when a change could strand persisted rounds (a state renamed or removed). */
  version: number;
  /** Working days of mandatory standstill, or null when the round chooses a voluntary one. */
  mandatoryStandstillDays: number | null;
  standstill: StandstillConvention;
  transitions: TransitionSpec[];
}

export const FINAL_STATES: readonly RoundStateId[] = ['awarded', 'cancelled', 'noAward'];

export const STATE_LABELS: Record<RoundStateId, string> = {
  draft: 'Draft',
  participation: 'Requests to participate',
  tendering: 'Tendering',
  compliance: 'Compliance checks',
  scoring: 'Individual scoring',
  moderation: 'Moderation',
  awardDecision: 'Award decision',
  standstill: 'Standstill',
  suspended: 'Standstill suspended by a challenge',
  review: 'Reviewing representations',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
  noAward: 'No award',
};

/** PA23 s.51: 8 working days beginning with the day the award notice is published, counted UK-wide (s.123). */
export const PA23_STANDSTILL: StandstillConvention = { startsDayAfter: false, calendar: 'uk' };
/** PSR: 8 working days from the day after the notice, in England's calendar. */
export const PSR_STANDSTILL: StandstillConvention = { startsDayAfter: true, calendar: 'england' };
/** PSR: after reviewing representations, wait 5 more working days from the day after. */
export const PSR_DAYS_AFTER_REVIEW = 5;

const move = (from: RoundStateId, event: RoundEventType, to: RoundStateId, rest: Partial<TransitionSpec> = {}): TransitionSpec => ({
  from,
  event,
  to,
  ...rest,
});

export const publishing = (firstState: RoundStateId): TransitionSpec[] => [
  move('draft', 'PUBLISH', firstState, { guard: 'readyToPublish' }),
];

/** Competitive flexible: suppliers ask to participate; the shortlisted ones are invited to tender. */
export const shortlisting: TransitionSpec[] = [
  move('participation', 'SHORTLIST_CONFIRMED', 'tendering', { guard: 'shortlistConfirmed' }),
];

export const evaluation: TransitionSpec[] = [
  move('tendering', 'TENDER_DEADLINE_PASSED', 'compliance', { guard: 'tenderDeadlinePassed' }),
  move('compliance', 'COMPLETE_COMPLIANCE', 'noAward', { guard: 'complianceComplete', when: 'noCompliantBid' }),
  move('compliance', 'COMPLETE_COMPLIANCE', 'scoring', { guard: 'complianceComplete' }),
  move('scoring', 'CLOSE_SCORING', 'moderation', { guard: 'scoresSubmittedOrReasonGiven' }),
  move('moderation', 'CLOSE_MODERATION', 'awardDecision', { guard: 'consensusReached' }),
];

export const awardNotice: TransitionSpec[] = [
  move('awardDecision', 'ISSUE_AWARD_NOTICE', 'standstill', { guard: 'readyForAwardNotice', action: 'issueAwardNotice' }),
];

/** Light touch: no mandatory standstill, so the notice awards at once unless the round chose one. */
export const awardNoticeWithOptionalStandstill: TransitionSpec[] = [
  move('awardDecision', 'ISSUE_AWARD_NOTICE', 'standstill', {
    guard: 'readyForAwardNotice',
    when: 'hasStandstill',
    action: 'issueAwardNotice',
  }),
  move('awardDecision', 'ISSUE_AWARD_NOTICE', 'awarded', { guard: 'readyForAwardNotice', action: 'issueAwardNotice' }),
];

// A challenge suspends the award, not the standstill clock: resuming keeps the
// original end, so if it passed during the suspension the contract may be
// awarded straight away (PA23 ss.101-103: the court lifts the automatic
// suspension; the standstill is not restarted).
export const standstillWithChallenges: TransitionSpec[] = [
  move('standstill', 'STANDSTILL_ELAPSED', 'awarded', { guard: 'standstillElapsed' }),
  move('standstill', 'CHALLENGE_RECEIVED', 'suspended', { guard: 'reasonGiven' }),
  move('suspended', 'RESUME_STANDSTILL', 'standstill'),
  move('suspended', 'REVISIT_DECISION', 'awardDecision', { guard: 'reasonGiven', action: 'withdrawAwardNotice' }),
];

/** PSR: representations pause the standstill for a review, after which 5 more working days run. */
export const psrRepresentations: TransitionSpec[] = [
  move('standstill', 'REPRESENTATIONS_RECEIVED', 'review', { guard: 'withinStandstill' }),
  move('review', 'REVIEW_COMPLETED', 'standstill', { action: 'restartStandstillAfterReview' }),
  move('review', 'REVISIT_DECISION', 'awardDecision', { guard: 'reasonGiven', action: 'withdrawAwardNotice' }),
];

/** Every state reached by `transitions`, in lifecycle order. */
export function statesOf(transitions: TransitionSpec[]): RoundStateId[] {
  const used = new Set(transitions.flatMap((t) => [t.from, t.to]));
  return STATE_IDS.filter((id) => id === 'draft' || used.has(id));
}

/** A round may be cancelled, with a reason, from any state that is not final. */
export function withCancellation(transitions: TransitionSpec[]): TransitionSpec[] {
  const open = statesOf(transitions).filter((id) => !FINAL_STATES.includes(id));
  return [
    ...transitions,
    ...open.map((from) => move(from, 'CANCEL', 'cancelled', { guard: 'reasonGiven', action: 'recordCancellation' })),
  ];
}

export function initialContext(spec: RouteSpec, input: RoundInput): RoundContext {
  const voluntary = input.voluntaryStandstillDays ?? 0;
  return {
    route: spec.id,
    standstillDays: spec.mandatoryStandstillDays ?? voluntary,
    voluntaryStandstillDays: voluntary,
    awardNoticeAt: null,
    standstillEndsAt: null,
    cancelReason: null,
  };
}

// Explanations read only the guard of each candidate, so one event's candidates
// must share a guard and end with an unconditional target; check it when building.
function assertExplainable(spec: RouteSpec): void {
  const groups = new Map<string, TransitionSpec[]>();
  for (const t of spec.transitions) {
    const key = `${t.from} ${t.event}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const [key, candidates] of groups) {
    const sameGuard = candidates.every((t) => t.guard === candidates[0].guard);
    if (!sameGuard || candidates[candidates.length - 1].when) {
      throw new Error(`Workflow ${spec.id}: the targets of ${key} need one guard and a last target without a condition`);
    }
  }
}

export function buildMachine(spec: RouteSpec) {
  assertExplainable(spec);
  const guards = {
    ...mapValues(GUARDS, (guard) => ({ context, event }: { context: RoundContext; event: RoundEvent }) =>
      guard.check(context, event.facts, event).length === 0,
    ),
    ...mapValues(BRANCHES, (branch) => ({ context, event }: { context: RoundContext; event: RoundEvent }) =>
      branch.test(context, event.facts),
    ),
  };

  return setup({
    types: {} as { context: RoundContext; events: RoundEvent; input: RoundInput },
    guards,
    actions: {
      // The standstill end is fixed when the notice is issued, from the event's `now`.
      issueAwardNotice: assign(({ context, event }) => ({
        awardNoticeAt: event.facts.now,
        standstillEndsAt:
          context.standstillDays > 0 ? standstillEnd(event.facts.now, context.standstillDays, spec.standstill) : null,
      })),
      restartStandstillAfterReview: assign(({ event }) => ({
        standstillEndsAt: standstillEnd(event.facts.now, PSR_DAYS_AFTER_REVIEW, PSR_STANDSTILL),
      })),
      withdrawAwardNotice: assign({ awardNoticeAt: null, standstillEndsAt: null }),
      recordCancellation: assign(({ event }) => ({ cancelReason: (event.reason ?? '').trim() })),
    },
  }).createMachine({
    id: spec.id,
    version: String(spec.version),
    initial: 'draft',
    context: ({ input }) => initialContext(spec, input),
    states: Object.fromEntries(
      statesOf(spec.transitions).map((id) => [
        id,
        FINAL_STATES.includes(id) ? { type: 'final' as const } : { on: transitionsFrom(id, spec.transitions) },
      ]),
    ),
  });
}

export type RoundMachine = ReturnType<typeof buildMachine>;

function transitionsFrom(state: RoundStateId, transitions: TransitionSpec[]) {
  // `any`: XState types a guard against the generics of setup(); these names are
  // checked by the GuardName/BranchName types above and by the graph tests.
  const on: Partial<Record<RoundEventType, { target: string; guard?: any; actions?: ActionName }[]>> = {};
  for (const t of transitions.filter((candidate) => candidate.from === state)) {
    const conditions = [t.guard, t.when].filter((name): name is GuardName | BranchName => name !== undefined);
    (on[t.event] ??= []).push({
      target: t.to,
      guard: conditions.length > 1 ? and(conditions) : conditions[0],
      actions: t.action,
    });
  }
  return on;
}

function mapValues<T extends object, R>(record: T, fn: (value: T[keyof T]) => R): Record<keyof T, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)])) as Record<keyof T, R>;
}
