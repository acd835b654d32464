import fc from 'fast-check';
import { canonicalEvent, findBreak, GENESIS_HASH, hashEvent } from './audit-chain.js';

const event = (sequence: number, payload: Record<string, unknown> = {}) => ({
  sequence,
  roundId: null,
  actorId: 'u1',
  type: 'test.event',
  payload,
  occurredAt: new Date(Date.UTC(2026, 10, 24, 9, 0, sequence)),
});

function chain(length: number) {
  const events: (ReturnType<typeof event> & { prevHash: string; hash: string })[] = [];
  for (let i = 1; i <= length; i++) {
    const prevHash = events.at(-1)?.hash ?? GENESIS_HASH;
    const e = event(i, { n: i });
    events.push({ ...e, prevHash, hash: hashEvent(prevHash, e) });
  }
  return events;
}

describe('audit chain', () => {
  // Known answers, computed outside this code (Python's hashlib over the literal canonical text):
  // sha256("000…0" + canonical JSON of event 1), then sha256(hash 1 + canonical JSON of event 2).
  it('matches the published recipe: known-answer vectors', () => {
    const first = { sequence: 1, roundId: null, actorId: 'u1', type: 'test.event', payload: { b: [1, 2], a: 1 }, occurredAt: new Date('2026-11-24T09:00:01.000Z') };
    expect(canonicalEvent(first)).toBe('{"actorId":"u1","occurredAt":"2026-11-24T09:00:01.000Z","payload":{"a":1,"b":[1,2]},"roundId":null,"sequence":1,"type":"test.event"}');
    const h1 = hashEvent(GENESIS_HASH, first);
    expect(h1).toBe('0523449140f87ed589f9ed45dd0374b5f2952cddc9090cd3ed6ec497f9320cb5');
    const second = { sequence: 2, roundId: 'r1', actorId: null, type: 'score.saved', payload: { text: 'café — ok', mark: 3 }, occurredAt: new Date('2026-11-24T09:00:02.000Z') };
    expect(hashEvent(h1, second)).toBe('f733ea91dd96795f73b2755ebfe030223874f0f5ed7a5e381462d0b32e88a7a8');
  });

  it('hashes the canonical JSON: key order in the payload does not matter, content does', () => {
    const a = hashEvent(GENESIS_HASH, event(1, { a: 1, b: [1, 2] }));
    expect(hashEvent(GENESIS_HASH, event(1, { b: [1, 2], a: 1 }))).toBe(a);
    expect(hashEvent(GENESIS_HASH, event(1, { a: 1, b: [2, 1] }))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an intact chain, also checked page by page', () => {
    const events = chain(10);
    expect(findBreak(events, null)).toBeNull();
    expect(findBreak(events.slice(4), events[3])).toBeNull();
  });

  it('names the first altered event wherever it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), (length, pick) => {
        const events = chain(length);
        const target = pick % length;
        events[target] = { ...events[target], payload: { n: -1 } };
        expect(findBreak(events, null)).toEqual({ sequence: target + 1, problem: 'its contents do not match its hash (the row was changed)' });
      }),
    );
  });

  it('names a re-hashed event by the broken link after it', () => {
    const events = chain(5);
    const forged = { ...events[2], payload: { n: 99 } };
    events[2] = { ...forged, hash: hashEvent(forged.prevHash, forged) };
    expect(findBreak(events, null)).toEqual({ sequence: 4, problem: 'its previous-hash does not match the hash of the event before it' });
  });
});
