import 'reflect-metadata';
import { EVENT_TYPES, startRound, type RoundContext, type RoundEvent, type RoundFacts } from '../../workflows/index.js';
import { BRANCHES, GUARDS } from '../../workflows/guards.js';
import { ROUTE_SPECS } from '../../workflows/routes.js';
import { FACTS_FOR_EVENT } from './workflow-facts.js';

// Facts that pass every guard, and facts that fail every guard: between them each guard's branches run.
const passing: RoundFacts = {
  now: '2030-01-01T12:00:00.000Z', tenderDeadline: '2031-01-01T12:00:00.000Z', weightProblems: [], panelProblems: [], conflictsAssessmentRecorded: true,
  membersWithoutConflictDeclaration: [], panelSize: 3, bidsReceived: 2, bidsAwaitingCompliance: 0, compliantBids: 2, shortlistConfirmed: true,
  membersWithScoresOutstanding: [], consensusOutstanding: 0, preferredBidRecorded: true, summariesNotSent: [],
};
const failing: RoundFacts = {
  now: '2030-01-01T12:00:00.000Z', tenderDeadline: '2029-01-01T12:00:00.000Z', weightProblems: ['w'], panelProblems: ['p'], conflictsAssessmentRecorded: false,
  membersWithoutConflictDeclaration: ['P1'], panelSize: 3, bidsReceived: 2, bidsAwaitingCompliance: 1, compliantBids: 1, shortlistConfirmed: false,
  membersWithScoresOutstanding: ['P1'], consensusOutstanding: 2, preferredBidRecorded: false, summariesNotSent: ['A'],
};
const noDeadline: RoundFacts = { ...failing, tenderDeadline: null, compliantBids: 0 };

/** The facts as a guard sees them, remembering which it read. */
function recording(facts: RoundFacts, read: Set<string>): RoundFacts {
  return new Proxy(facts, { get: (target, key) => (read.add(String(key)), target[key as keyof RoundFacts]) });
}

describe('workflow facts', () => {
  it('lists, for every event, each fact its guards and branches read on every route', () => {
    const contexts = (base: RoundContext): RoundContext[] => [
      base,
      { ...base, standstillEndsAt: '2029-06-01T12:00:00.000Z', awardNoticeAt: '2029-05-20T12:00:00.000Z' },
      { ...base, standstillEndsAt: '2031-06-01T12:00:00.000Z', awardNoticeAt: '2029-05-20T12:00:00.000Z' },
    ];
    let checked = 0;
    for (const spec of Object.values(ROUTE_SPECS)) {
      const base = startRound(spec.id, { voluntaryStandstillDays: spec.mandatoryStandstillDays === null ? 5 : 0 }).context;
      for (const t of spec.transitions) {
        for (const context of contexts(base)) {
          for (const facts of [passing, failing, noDeadline]) {
            for (const reason of [undefined, 'a reason']) {
              const read = new Set<string>();
              const seen = recording(facts, read);
              const event: RoundEvent = { type: t.event, facts: seen, actor: 'test', reason };
              if (t.guard) GUARDS[t.guard].check(context, seen, event);
              if (t.when) BRANCHES[t.when].test(context, seen);
              const unlisted = [...read].filter((key) => !FACTS_FOR_EVENT[t.event].includes(key as keyof RoundFacts));
              expect({ route: spec.id, event: t.event, unlisted }).toEqual({ route: spec.id, event: t.event, unlisted: [] });
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has an entry for every event, each with now (the actions read it)', () => {
    expect(Object.keys(FACTS_FOR_EVENT).sort()).toEqual([...EVENT_TYPES].sort());
    for (const facts of Object.values(FACTS_FOR_EVENT)) expect(facts).toContain('now');
  });
});
