// Behaviour of the API the round service calls, in the situations a commissioner meets.
import { ROUTES, WORKFLOWS, applyEvent, correctedStandstillEnd, describeWorkflow, nextSteps, standstillCalendar, startRound } from './index.js';
import type { PersistedRound, RoundEventType, RoundFacts, RoundInput, RouteId } from './index.js';
import { okEvent, okFacts } from './test-facts.js';

const TO_AWARD_DECISION: RoundEventType[] = [
  'PUBLISH',
  'TENDER_DEADLINE_PASSED',
  'COMPLETE_COMPLIANCE',
  'CLOSE_SCORING',
  'CLOSE_MODERATION',
];

function send(route: RouteId, persisted: PersistedRound, type: RoundEventType, facts: Partial<RoundFacts> = {}, reason?: string) {
  const event = okEvent(type, persisted.context, facts);
  return applyEvent(route, persisted, reason === undefined ? event : { ...event, reason });
}

/** Applies events that should all succeed, as the happy path would. */
function run(route: RouteId, persisted: PersistedRound, types: RoundEventType[]): PersistedRound {
  return types.reduce((round, type) => {
    const result = send(route, round, type);
    if (!result.ok) throw new Error(`${type} refused in ${round.value}: ${result.reasons.join('; ')}`);
    return result.persisted;
  }, persisted);
}

function inStandstill(route: RouteId, input: RoundInput = {}): PersistedRound {
  const before = route === 'pa23-competitive-flexible' ? ['PUBLISH', 'SHORTLIST_CONFIRMED'] : ['PUBLISH'];
  const events = [...before, ...TO_AWARD_DECISION.slice(1), 'ISSUE_AWARD_NOTICE'] as RoundEventType[];
  return run(route, startRound(route, input), events);
}

describe('startRound', () => {
  it('starts every route in draft with an empty timetable', () => {
    expect(startRound('pa23-open', {})).toEqual({
      machineId: 'pa23-open',
      machineVersion: 1,
      value: 'draft',
      context: {
        route: 'pa23-open',
        standstillDays: 8,
        voluntaryStandstillDays: 0,
        awardNoticeAt: null,
        standstillEndsAt: null,
        cancelReason: null,
      },
    });
    expect(ROUTES.map((route) => startRound(route, {}).machineId)).toEqual(ROUTES);
    expect(ROUTES.map((route) => WORKFLOWS[route].id)).toEqual(ROUTES);
  });

  it('takes a voluntary standstill only on the light-touch route, in whole working days', () => {
    expect(startRound('light-touch', { voluntaryStandstillDays: 10 }).context).toMatchObject({
      standstillDays: 10,
      voluntaryStandstillDays: 10,
    });
    expect(startRound('light-touch', {}).context.standstillDays).toBe(0);
    expect(() => startRound('pa23-open', { voluntaryStandstillDays: 10 })).toThrow(/mandatory standstill/);
    expect(() => startRound('light-touch', { voluntaryStandstillDays: -1 })).toThrow(RangeError);
    expect(() => startRound('light-touch', { voluntaryStandstillDays: 2.5 })).toThrow(RangeError);
  });
});

describe('applyEvent', () => {
  it('publishes only when everything is ready, listing every problem at once', () => {
    const draft = startRound('pa23-open', {});
    const facts = okFacts({
      weightProblems: ['Section weights sum to 95, not 100'],
      panelProblems: ['No young partner on the panel but 2 questions are scored by young partners'],
      conflictsAssessmentRecorded: false,
      tenderDeadline: null,
    });
    expect(applyEvent('pa23-open', draft, { type: 'PUBLISH', facts, actor: 'lead' })).toEqual({
      ok: false,
      state: 'draft',
      event: 'PUBLISH',
      allowedEvents: ['CANCEL'],
      reasons: [
        'Section weights sum to 95, not 100',
        'No young partner on the panel but 2 questions are scored by young partners',
        'The conflicts assessment (PA23 s.83) has not been recorded',
        'No tender deadline has been set',
      ],
    });
    expect(send('pa23-open', draft, 'PUBLISH')).toMatchObject({ ok: true, from: 'draft', to: 'tendering' });
  });

  it('competitive flexible: publishing opens participation; tendering starts once the shortlist is confirmed', () => {
    const participation = run('pa23-competitive-flexible', startRound('pa23-competitive-flexible', {}), ['PUBLISH']);
    expect(participation.value).toBe('participation');
    expect(send('pa23-competitive-flexible', participation, 'SHORTLIST_CONFIRMED', { shortlistConfirmed: false })).toMatchObject({
      ok: false,
      reasons: ['The shortlist of suppliers invited to tender has not been confirmed'],
    });
    expect(send('pa23-competitive-flexible', participation, 'SHORTLIST_CONFIRMED')).toMatchObject({ ok: true, to: 'tendering' });
  });

  it('ends in noAward when every bid is checked and none is compliant, whatever the declarations', () => {
    const compliance = run('pa23-open', startRound('pa23-open', {}), ['PUBLISH', 'TENDER_DEADLINE_PASSED']);
    const result = send('pa23-open', compliance, 'COMPLETE_COMPLIANCE', {
      compliantBids: 0,
      membersWithoutConflictDeclaration: ['YP2'],
    });
    expect(result).toMatchObject({ ok: true, to: 'noAward' });
  });

  it('lets the lead close scoring with scores missing, but only with a reason', () => {
    const scoring = run('pa23-open', startRound('pa23-open', {}), TO_AWARD_DECISION.slice(0, 3));
    const missing = { membersWithScoresOutstanding: ['YP1', 'P2', 'P3'] };
    expect(send('pa23-open', scoring, 'CLOSE_SCORING', missing)).toMatchObject({ ok: false });
    expect(send('pa23-open', scoring, 'CLOSE_SCORING', missing, 'YP1 withdrew; P2 and P3 were recused')).toMatchObject({
      ok: true,
      to: 'moderation',
    });
  });

  it('PA23: the award notice on 23 Dec 2026 allows the award from midnight on 8 Jan 2027 (Scotland keeps 4 Jan)', () => {
    const standstill = inStandstill('pa23-open');
    expect(standstill.context).toMatchObject({
      awardNoticeAt: '2026-12-23T10:00:00Z',
      standstillEndsAt: '2027-01-08T00:00:00Z',
    });
    expect(send('pa23-open', standstill, 'STANDSTILL_ELAPSED', { now: '2027-01-07T23:59:59Z' })).toMatchObject({
      ok: false,
      reasons: ['The standstill ends at 8 Jan 2027 00:00; the contract cannot be awarded before then'],
    });
    expect(send('pa23-open', standstill, 'STANDSTILL_ELAPSED', { now: '2027-01-08T00:00:00Z' })).toMatchObject({
      ok: true,
      to: 'awarded',
    });
  });

  it('PSR: representations pause the standstill; after the review 5 more working days run from the day after', () => {
    const standstill = inStandstill('psr-competitive');
    expect(standstill.context.standstillEndsAt).toBe('2027-01-08T00:00:00Z'); // 8 days from the day after the notice
    const review = run('psr-competitive', standstill, ['REPRESENTATIONS_RECEIVED']);
    expect(review.value).toBe('review');
    expect(send('psr-competitive', review, 'STANDSTILL_ELAPSED', { now: '2027-01-09T00:00:00Z' })).toMatchObject({
      ok: false,
      reasons: ['STANDSTILL_ELAPSED is not possible while the round is in review'],
    });
    // Review completed on Wed 6 Jan 2027: Thu 7, Fri 8, Mon 11, Tue 12, Wed 13.
    const after = send('psr-competitive', review, 'REVIEW_COMPLETED', { now: '2027-01-06T15:00:00Z' });
    if (!after.ok) throw new Error(after.reasons.join('; '));
    expect(after.persisted).toMatchObject({ value: 'standstill', context: { standstillEndsAt: '2027-01-14T00:00:00Z' } });
    expect(send('psr-competitive', after.persisted, 'STANDSTILL_ELAPSED', { now: '2027-01-08T00:00:00Z' })).toMatchObject({
      ok: false,
    });
  });

  it('PSR: representations are refused once the standstill has ended', () => {
    const standstill = inStandstill('psr-competitive');
    expect(send('psr-competitive', standstill, 'REPRESENTATIONS_RECEIVED', { now: '2027-01-08T09:00:00Z' })).toMatchObject({
      ok: false,
      reasons: ['The standstill ended at 8 Jan 2027 00:00; representations must be made during it'],
    });
  });

  it('light touch: the award notice awards at once, unless the round chose a voluntary standstill', () => {
    const awarded = inStandstill('light-touch');
    expect(awarded).toMatchObject({ value: 'awarded', context: { awardNoticeAt: '2026-12-23T10:00:00Z', standstillEndsAt: null } });
    // 10 working days beginning with Wed 23 Dec 2026, counted UK-wide (Mon 4 Jan is a holiday in Scotland), end on Mon 11 Jan 2027.
    const voluntary = inStandstill('light-touch', { voluntaryStandstillDays: 10 });
    expect(voluntary).toMatchObject({ value: 'standstill', context: { standstillEndsAt: '2027-01-12T00:00:00Z' } });
  });

  it('a challenge suspends the award; resuming keeps the original standstill end', () => {
    const standstill = inStandstill('pa23-open');
    expect(send('pa23-open', standstill, 'CHALLENGE_RECEIVED', {}, '')).toMatchObject({
      ok: false,
      reasons: ['A reason is required to record a challenge'],
    });
    const suspended = run('pa23-open', standstill, ['CHALLENGE_RECEIVED']);
    expect(suspended.value).toBe('suspended');
    expect(send('pa23-open', suspended, 'STANDSTILL_ELAPSED', { now: '2027-02-01T00:00:00Z' })).toMatchObject({ ok: false });

    // Lifted while the standstill still runs: the same end applies.
    const resumedEarly = send('pa23-open', suspended, 'RESUME_STANDSTILL', { now: '2027-01-04T09:00:00Z' });
    expect(resumedEarly).toMatchObject({ ok: true, persisted: { context: { standstillEndsAt: '2027-01-08T00:00:00Z' } } });

    // Lifted after the end had passed: the contract may be awarded straight away.
    const resumedLate = send('pa23-open', suspended, 'RESUME_STANDSTILL', { now: '2027-02-01T09:00:00Z' });
    if (!resumedLate.ok) throw new Error(resumedLate.reasons.join('; '));
    expect(nextSteps('pa23-open', resumedLate.persisted, okFacts({ now: '2027-02-01T09:00:00Z' })).allowedEvents).toContain(
      'STANDSTILL_ELAPSED',
    );
  });

  it('revisiting the decision withdraws the award notice; a new notice starts a new standstill', () => {
    const suspended = run('pa23-open', inStandstill('pa23-open'), ['CHALLENGE_RECEIVED']);
    const revisited = run('pa23-open', suspended, ['REVISIT_DECISION']);
    expect(revisited).toMatchObject({ value: 'awardDecision', context: { awardNoticeAt: null, standstillEndsAt: null } });
    // Re-issued on Mon 1 Feb 2027: 1 Feb (1) ... Wed 10 Feb (8).
    const reissued = send('pa23-open', revisited, 'ISSUE_AWARD_NOTICE', { now: '2027-02-01T10:00:00Z' });
    expect(reissued).toMatchObject({ ok: true, persisted: { context: { standstillEndsAt: '2027-02-11T00:00:00Z' } } });
  });

  it('cancels from any open state with a reason, and then accepts nothing', () => {
    const tendering = run('pa23-open', startRound('pa23-open', {}), ['PUBLISH']);
    expect(send('pa23-open', tendering, 'CANCEL', {}, '   ')).toMatchObject({
      ok: false,
      reasons: ['A reason is required to cancel a round'],
    });
    const cancelled = send('pa23-open', tendering, 'CANCEL', {}, '  Funding withdrawn by the ICB  ');
    if (!cancelled.ok) throw new Error(cancelled.reasons.join('; '));
    expect(cancelled.persisted).toMatchObject({ value: 'cancelled', context: { cancelReason: 'Funding withdrawn by the ICB' } });
    expect(send('pa23-open', cancelled.persisted, 'PUBLISH')).toEqual({
      ok: false,
      state: 'cancelled',
      event: 'PUBLISH',
      allowedEvents: [],
      reasons: ['PUBLISH is not possible while the round is in cancelled'],
    });
  });
});

describe('nextSteps', () => {
  it('lists what the state accepts, allowed now or blocked with reasons; a missing reason does not block', () => {
    const draft = startRound('pa23-open', {});
    expect(nextSteps('pa23-open', draft, okFacts({ conflictsAssessmentRecorded: false }))).toEqual({
      allowedEvents: ['CANCEL'],
      blocked: [{ event: 'PUBLISH', reasons: ['The conflicts assessment (PA23 s.83) has not been recorded'] }],
    });
    expect(nextSteps('pa23-open', draft, okFacts())).toEqual({ allowedEvents: ['PUBLISH', 'CANCEL'], blocked: [] });
  });

  it('shows scoring as blocked while scores are missing, with the way out', () => {
    const scoring = run('pa23-open', startRound('pa23-open', {}), TO_AWARD_DECISION.slice(0, 3));
    expect(nextSteps('pa23-open', scoring, okFacts({ membersWithScoresOutstanding: ['YP1', 'P2', 'P3'] }))).toEqual({
      allowedEvents: ['CANCEL'],
      blocked: [
        {
          event: 'CLOSE_SCORING',
          reasons: ['3 panel members have not submitted their scores: YP1, P2, P3; give a reason to close scoring without them'],
        },
      ],
    });
  });

  it('during the standstill offers a challenge and cancellation, and the award once it ends', () => {
    const standstill = inStandstill('psr-competitive');
    expect(nextSteps('psr-competitive', standstill, okFacts({ now: '2027-01-04T09:00:00Z' }))).toEqual({
      allowedEvents: ['CHALLENGE_RECEIVED', 'REPRESENTATIONS_RECEIVED', 'CANCEL'],
      blocked: [
        {
          event: 'STANDSTILL_ELAPSED',
          reasons: ['The standstill ends at 8 Jan 2027 00:00; the contract cannot be awarded before then'],
        },
      ],
    });
  });
});

describe('standstill calendars', () => {
  it('PA23 routes count UK-wide; the PSR counts England only', () => {
    expect(standstillCalendar('pa23-open').id).toBe('uk');
    expect(standstillCalendar('pa23-competitive-flexible').id).toBe('uk');
    expect(standstillCalendar('light-touch').id).toBe('uk');
    expect(standstillCalendar('psr-competitive').id).toBe('england');
  });

  it('corrects an end counted in England only to the later UK-wide end, never to an earlier one', () => {
    const standstill = inStandstill('pa23-open');
    const englandOnly = { ...standstill, context: { ...standstill.context, standstillEndsAt: '2027-01-07T00:00:00Z' } };
    expect(correctedStandstillEnd('pa23-open', englandOnly)).toBe('2027-01-08T00:00:00Z');
    expect(correctedStandstillEnd('pa23-open', standstill)).toBeNull();
    const later = { ...standstill, context: { ...standstill.context, standstillEndsAt: '2027-01-20T00:00:00Z' } };
    expect(correctedStandstillEnd('pa23-open', later)).toBeNull();
    expect(correctedStandstillEnd('pa23-open', { ...englandOnly, value: 'suspended' })).toBe('2027-01-08T00:00:00Z');
    expect(correctedStandstillEnd('pa23-open', { ...englandOnly, value: 'awarded' })).toBeNull();
  });
});

describe('restoring a persisted round', () => {
  it('continues from a snapshot stored as JSON', () => {
    const stored = JSON.stringify(inStandstill('pa23-open'));
    const restored = JSON.parse(stored) as PersistedRound;
    expect(send('pa23-open', restored, 'STANDSTILL_ELAPSED', { now: '2027-01-07T12:00:00Z' })).toMatchObject({ ok: false });
    expect(send('pa23-open', restored, 'STANDSTILL_ELAPSED', { now: '2027-01-08T09:00:00Z' })).toMatchObject({
      ok: true,
      from: 'standstill',
      to: 'awarded',
      persisted: { machineId: 'pa23-open', machineVersion: 1, value: 'awarded' },
    });
  });

  it('refuses a snapshot from another workflow, a newer version or an unknown state', () => {
    const round = startRound('pa23-open', {});
    expect(() => send('psr-competitive', round, 'PUBLISH')).toThrow(/saved by the pa23-open workflow/);
    expect(() => send('pa23-open', { ...round, machineVersion: 2 }, 'PUBLISH')).toThrow(/newer than version 1/);
    expect(() => send('pa23-open', { ...round, value: 'review' }, 'PUBLISH')).toThrow(/no state "review"/);
  });
});

describe('describeWorkflow', () => {
  it('gives the states in lifecycle order with labels, and the guarded transitions for the diagram', () => {
    const flexible = describeWorkflow('pa23-competitive-flexible');
    expect(flexible.initial).toBe('draft');
    expect(flexible.states.map((state) => state.id)).toEqual([
      'draft',
      'participation',
      'tendering',
      'compliance',
      'scoring',
      'moderation',
      'awardDecision',
      'standstill',
      'suspended',
      'awarded',
      'cancelled',
      'noAward',
    ]);
    expect(flexible.states.filter((state) => state.final).map((state) => state.id)).toEqual(['awarded', 'cancelled', 'noAward']);
    expect(flexible.transitions).toContainEqual({
      from: 'participation',
      to: 'tendering',
      event: 'SHORTLIST_CONFIRMED',
      guard: 'shortlist confirmed, tender deadline ahead',
    });
    expect(flexible.transitions).toContainEqual({ from: 'suspended', to: 'standstill', event: 'RESUME_STANDSTILL' });
  });

  it('shows each route’s own states', () => {
    const states = (route: RouteId) => describeWorkflow(route).states.map((state) => state.id);
    expect(states('pa23-open')).not.toContain('participation');
    expect(states('psr-competitive')).toContain('review');
    expect(states('pa23-open')).not.toContain('review');
    expect(describeWorkflow('light-touch').transitions.filter((t) => t.event === 'ISSUE_AWARD_NOTICE')).toEqual([
      { from: 'awardDecision', to: 'standstill', event: 'ISSUE_AWARD_NOTICE', guard: 'preferred bid recorded, every assessment summary sent and voluntary standstill' },
      { from: 'awardDecision', to: 'awarded', event: 'ISSUE_AWARD_NOTICE', guard: 'preferred bid recorded, every assessment summary sent' },
    ]);
  });
});
