import { initialTransition, transition } from 'xstate';
import { FINAL_STATES, STATE_LABELS, buildMachine, statesOf, type RoundMachine, type RouteSpec, type TransitionSpec } from './blocks.js';
import { ROUTES } from './facts.js';
import type { PersistedRound, RoundContext, RoundEvent, RoundEventType, RoundFacts, RoundInput, RouteId } from './facts.js';
import { BRANCHES, GUARDS } from './guards.js';
import { ROUTE_SPECS } from './routes.js';
import { CALENDARS, standstillEnd, type Calendar } from './working-days.js';

export * from './facts.js';
export { isWorkingDay, addWorkingDays, standstillEnd, CALENDARS, type Calendar, type CalendarId } from './working-days.js';

// The API the round service calls. Everything here is pure: the service loads the
// persisted round and the facts, calls applyEvent, and saves what comes back.

export const WORKFLOWS = Object.fromEntries(
  ROUTES.map((route) => {
    const spec = ROUTE_SPECS[route];
    return [route, { id: spec.id, version: spec.version, machine: buildMachine(spec) }];
  }),
) as Record<RouteId, { id: string; version: number; machine: RoundMachine }>;

export type ApplyResult =
  | { ok: true; persisted: PersistedRound; from: string; to: string }
  | { ok: false; state: string; event: string; allowedEvents: string[]; reasons: string[] };

export interface NextSteps {
  allowedEvents: string[];
  blocked: { event: string; reasons: string[] }[];
}

export interface WorkflowDescription {
  id: string;
  version: number;
  initial: string;
  states: { id: string; final: boolean; label: string }[];
  transitions: { from: string; to: string; event: string; guard?: string }[];
}

export function startRound(route: RouteId, input: RoundInput): PersistedRound {
  const spec = ROUTE_SPECS[route];
  const days = input.voluntaryStandstillDays ?? 0;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`A voluntary standstill is a whole number of working days, not ${days}`);
  }
  if (days > 0 && spec.mandatoryStandstillDays !== null) {
    throw new RangeError(`The ${route} route has a mandatory standstill; a voluntary one applies only to light-touch rounds`);
  }
  const [snapshot] = initialTransition(WORKFLOWS[route].machine, input);
  return persist(spec, String(snapshot.value), snapshot.context);
}

export function applyEvent(route: RouteId, persisted: PersistedRound, event: RoundEvent): ApplyResult {
  const spec = ROUTE_SPECS[route];
  const snapshot = restore(spec, persisted);
  const candidates = candidatesFor(spec, persisted.value, event.type);
  const reasons =
    candidates.length === 0
      ? [`${event.type} is not possible while the round is in ${persisted.value}`]
      : reasonsAgainst(candidates, persisted.context, event, { assumeReason: false });
  if (reasons.length > 0) {
    return {
      ok: false,
      state: persisted.value,
      event: event.type,
      allowedEvents: nextSteps(route, persisted, event.facts).allowedEvents,
      reasons,
    };
  }
  const [next] = transition(WORKFLOWS[route].machine, snapshot, event);
  const to = String(next.value);
  // No transition returns to its own state, so staying put means the machine and the explanation disagree.
  if (to === persisted.value) throw new Error(`Workflow ${spec.id} did not move on ${event.type} from ${to}`);
  return { ok: true, persisted: persist(spec, to, next.context), from: persisted.value, to };
}

/** The events the current state accepts, split into those allowed now and those blocked, with reasons. */
export function nextSteps(route: RouteId, persisted: PersistedRound, facts: RoundFacts): NextSteps {
  const spec = ROUTE_SPECS[route];
  restore(spec, persisted); // refuse a snapshot this workflow cannot continue
  const events = [...new Set(spec.transitions.filter((t) => t.from === persisted.value).map((t) => t.event))];
  const steps: NextSteps = { allowedEvents: [], blocked: [] };
  for (const type of events) {
    const probe: RoundEvent = { type, facts, actor: '' };
    const reasons = reasonsAgainst(candidatesFor(spec, persisted.value, type), persisted.context, probe, { assumeReason: true });
    if (reasons.length === 0) steps.allowedEvents.push(type);
    else steps.blocked.push({ event: type, reasons });
  }
  return steps;
}

export function describeWorkflow(route: RouteId): WorkflowDescription {
  const spec = ROUTE_SPECS[route];
  return {
    id: spec.id,
    version: spec.version,
    initial: 'draft',
    states: statesOf(spec.transitions).map((id) => ({ id, final: FINAL_STATES.includes(id), label: STATE_LABELS[id] })),
    transitions: spec.transitions.map((t) => {
      const conditions = [t.guard && GUARDS[t.guard].label, t.when && BRANCHES[t.when].label].filter(Boolean);
      return {
        from: t.from,
        to: t.to,
        event: t.event,
        ...(conditions.length > 0 ? { guard: conditions.join(' and ') } : {}),
      };
    }),
  };
}

/** The calendar a route counts its standstill in (PA23 routes UK-wide, the PSR England's). */
export function standstillCalendar(route: RouteId): Calendar {
  return CALENDARS[ROUTE_SPECS[route].standstill.calendar];
}

/** When a standstill would end if the award notice were published at `now`; null when the round has none. */
export function projectedStandstillEnd(route: RouteId, context: RoundContext, now: string): string | null {
  return context.standstillDays > 0 ? standstillEnd(now, context.standstillDays, ROUTE_SPECS[route].standstill) : null;
}

/** How the route counts its standstill: from the notice day (PA23) or the day after (PSR). */
export function standstillStartsDayAfter(route: RouteId): boolean {
  return ROUTE_SPECS[route].standstill.startsDayAfter;
}

/**
 * For a round in (or suspended from) standstill: the end its award notice gives under the route's
 * calendar, when that is later than the recorded one (an end computed by an older, shorter count).
 * Never earlier: a bidder may have relied on the recorded end. A PSR end restarted after a review
 * is later than the notice's own, so it is left alone. Null when nothing needs correcting.
 */
export function correctedStandstillEnd(route: RouteId, persisted: PersistedRound): string | null {
  const { awardNoticeAt, standstillEndsAt, standstillDays } = persisted.context;
  if (!['standstill', 'suspended'].includes(persisted.value) || !awardNoticeAt || !standstillEndsAt || standstillDays < 1) return null;
  const end = standstillEnd(awardNoticeAt, standstillDays, ROUTE_SPECS[route].standstill);
  return Date.parse(end) > Date.parse(standstillEndsAt) ? end : null;
}

function persist(spec: RouteSpec, value: string, context: RoundContext): PersistedRound {
  return { machineId: spec.id, machineVersion: spec.version, value, context: { ...context } };
}

// A snapshot is restored from its state name and context alone. An older
// version is accepted while its state still exists; a rename would need a
// migration here, and the version bump makes that visible.
function restore(spec: RouteSpec, persisted: PersistedRound) {
  if (persisted.machineId !== spec.id) {
    throw new Error(`This round was saved by the ${persisted.machineId} workflow, not ${spec.id}`);
  }
  if (persisted.machineVersion > spec.version) {
    throw new Error(`This round was saved by ${spec.id} version ${persisted.machineVersion}, newer than version ${spec.version}`);
  }
  if (!statesOf(spec.transitions).some((id) => id === persisted.value)) {
    throw new Error(`The ${spec.id} workflow has no state "${persisted.value}"`);
  }
  return WORKFLOWS[spec.id].machine.resolveState({ value: persisted.value, context: persisted.context });
}

function candidatesFor(spec: RouteSpec, state: string, event: RoundEventType): TransitionSpec[] {
  return spec.transitions.filter((t) => t.from === state && t.event === event);
}

// An event is refused only when every transition it could take is refused; the
// reasons are theirs, without repeats. Branch conditions are ignored: they choose
// a target, they do not refuse (see assertExplainable in blocks.ts).
function reasonsAgainst(
  candidates: TransitionSpec[],
  context: RoundContext,
  event: RoundEvent,
  { assumeReason }: { assumeReason: boolean },
): string[] {
  const reasonsOf = (t: TransitionSpec): string[] => {
    if (!t.guard) return [];
    const guard = GUARDS[t.guard];
    if (assumeReason && 'reasonOnly' in guard) return [];
    return guard.check(context, event.facts, event);
  };
  const perCandidate = candidates.map(reasonsOf);
  if (perCandidate.some((reasons) => reasons.length === 0)) return [];
  return [...new Set(perCandidate.flat())];
}
