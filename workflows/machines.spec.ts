// Tests generated from each machine's graph (xstate/graph): every state is reached,
// every transition is taken through the public API, and every guard is seen refusing.
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths, toDirectedGraph } from 'xstate/graph';
import { EVENT_TYPES, ROUTES, WORKFLOWS, applyEvent, describeWorkflow, nextSteps, startRound } from './index.js';
import type { PersistedRound, RoundEvent, RoundEventType, RoundInput, RouteId } from './index.js';
import { GUARDS, type GuardName } from './guards.js';
import { ROUTE_SPECS } from './routes.js';
import { VIOLATIONS, okEvent, okEvents } from './test-facts.js';

// Light touch behaves differently with and without a voluntary standstill, so it is explored twice.
const SCENARIOS: { route: RouteId; input: RoundInput }[] = [
  ...ROUTES.map((route) => ({ route, input: {} })),
  { route: 'light-touch', input: { voluntaryStandstillDays: 10 } },
];

function acceptedEvents(route: RouteId, state: string): RoundEventType[] {
  const node = WORKFLOWS[route].machine.root.states[state];
  return node.ownEvents as RoundEventType[];
}

function explore(route: RouteId, input: RoundInput) {
  const machine = WORKFLOWS[route].machine;
  const options = {
    input,
    // One vertex per state: contexts differ by timestamps only.
    serializeState: (snapshot: AnyMachineSnapshot) => String(snapshot.value),
    events: (snapshot: AnyMachineSnapshot) =>
      acceptedEvents(route, String(snapshot.value)).flatMap((type) => okEvents(type, snapshot.context)),
  };
  const edges = adjacencyMapToArray(getAdjacencyMap(machine, options));
  const paths = new Map(getShortestPaths(machine, options).map((path) => [String(path.state.value), path]));
  return { edges, paths };
}

/** Replays a graph path through applyEvent, persisting as JSON between steps as the service does. */
function replay(route: RouteId, input: RoundInput, events: RoundEvent[]): PersistedRound {
  let persisted = startRound(route, input);
  for (const event of events) {
    const result = applyEvent(route, JSON.parse(JSON.stringify(persisted)), event);
    if (!result.ok) throw new Error(`${event.type} refused in ${persisted.value}: ${result.reasons.join('; ')}`);
    persisted = result.persisted;
  }
  return persisted;
}

/** A graph path's events, without the initial step that xstate/graph prepends. */
function eventsOf(path: { steps: { event: { type: string } }[] }): RoundEvent[] {
  return path.steps.map((step) => step.event).filter((event): event is RoundEvent => event.type !== 'xstate.init');
}

const key = (from: string, event: string, to: string) => `${from} --${event}--> ${to}`;

describe.each(ROUTES)('workflow %s, generated from its graph', (route) => {
  const scenarios = SCENARIOS.filter((scenario) => scenario.route === route).map((scenario) => ({
    ...scenario,
    ...explore(route, scenario.input),
  }));
  const description = describeWorkflow(route);

  it('reaches every state', () => {
    const reached = new Set(scenarios.flatMap((scenario) => [...scenario.paths.keys()]));
    expect([...reached].sort()).toEqual(description.states.map((state) => state.id).sort());
  });

  it('describes exactly the transitions of the machine', () => {
    const graphEdges = (node: ReturnType<typeof toDirectedGraph>): string[] => [
      ...node.edges.map((edge) => key(edge.source.key, edge.label.text, edge.target.key)),
      ...node.children.flatMap(graphEdges),
    ];
    const described = description.transitions.map((t) => key(t.from, t.event, t.to));
    expect(new Set(described)).toEqual(new Set(graphEdges(toDirectedGraph(WORKFLOWS[route].machine))));
  });

  it('can take every transition', () => {
    const taken = new Set(
      scenarios.flatMap((scenario) =>
        scenario.edges
          .filter((edge) => edge.nextState.value !== edge.state.value)
          .map((edge) => key(String(edge.state.value), edge.event.type, String(edge.nextState.value))),
      ),
    );
    expect(taken).toEqual(new Set(description.transitions.map((t) => key(t.from, t.event, t.to))));
  });

  it('follows the shortest path to every state through applyEvent, restoring from JSON at each step', () => {
    for (const { input, paths } of scenarios) {
      for (const [state, path] of paths) {
        const events = eventsOf(path);
        const persisted = replay(route, input, events);
        expect(persisted.value).toBe(state);
        // Restoring from JSON at every step ends where one uninterrupted machine run ends.
        const machine = WORKFLOWS[route].machine;
        const uninterrupted = events.reduce((snapshot, event) => transition(machine, snapshot, event)[0], initialTransition(machine, input)[0]);
        expect(persisted).toEqual({ ...persisted, value: uninterrupted.value, context: uninterrupted.context });
      }
    }
  });

  it('takes every transition through applyEvent', () => {
    for (const { input, edges, paths } of scenarios) {
      for (const edge of edges) {
        const from = String(edge.state.value);
        const persisted = replay(route, input, eventsOf(paths.get(from)!));
        expect(persisted.context).toEqual(edge.state.context);
        const result = applyEvent(route, persisted, edge.event);
        expect(result).toMatchObject({ ok: true, from, to: String(edge.nextState.value) });
      }
    }
  });

  it('refuses every guarded transition when its guard fails, saying why', () => {
    const refused = new Set<GuardName>();
    for (const { input, paths } of scenarios) {
      for (const transition of ROUTE_SPECS[route].transitions) {
        const path = transition.guard && paths.get(transition.from);
        if (!transition.guard || !path) continue;
        const persisted = replay(route, input, eventsOf(path));
        for (const violation of VIOLATIONS[transition.guard]) {
          const event = violation.break(okEvent(transition.event, persisted.context), persisted.context);
          const result = applyEvent(route, persisted, event);
          expect({ transition: key(transition.from, transition.event, transition.to), violation: violation.name, result }).toEqual({
            transition: key(transition.from, transition.event, transition.to),
            violation: violation.name,
            result: {
              ok: false,
              state: transition.from,
              event: transition.event,
              allowedEvents: nextSteps(route, persisted, event.facts).allowedEvents,
              reasons: expect.arrayContaining([
                typeof violation.expected === 'string' ? violation.expected : expect.stringMatching(violation.expected),
              ]),
            },
          });
          refused.add(transition.guard);
        }
      }
    }
    const used = new Set(ROUTE_SPECS[route].transitions.flatMap((t) => (t.guard ? [t.guard] : [])));
    expect([...refused].sort()).toEqual([...used].sort());
  });

  it('refuses events a state does not accept, naming the state', () => {
    for (const { input, paths } of scenarios) {
      for (const [state, path] of paths) {
        const persisted = replay(route, input, eventsOf(path));
        for (const type of EVENT_TYPES.filter((type) => !acceptedEvents(route, state).includes(type))) {
          const event = okEvent(type, persisted.context);
          expect(applyEvent(route, persisted, event)).toEqual({
            ok: false,
            state,
            event: type,
            allowedEvents: nextSteps(route, persisted, event.facts).allowedEvents,
            reasons: [`${type} is not possible while the round is in ${state}`],
          });
        }
      }
    }
  });
});

describe('the guards', () => {
  it('each have at least one refusal case', () => {
    for (const name of Object.keys(GUARDS) as GuardName[]) expect(VIOLATIONS[name].length).toBeGreaterThan(0);
  });
});
