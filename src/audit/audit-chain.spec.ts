import fc from 'fast-check';
import { canonicalEvent, findBreak, GENESIS_HASH, hashEvent, hashLegacyEvent } from './audit-chain.js';

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

  // Recipe 2 (per-round chains): the same, with the chain and the position in it; a checkpoint in the
  // system chain records the heads of the others. Computed with Python's hashlib over the literal text.
  it('matches the per-round recipe: known-answer vectors', () => {
    const first = { sequence: 7, chain: 'r1', position: 1, roundId: 'r1', actorId: 'u1', type: 'test.event', payload: { b: [1, 2], a: 1 }, occurredAt: new Date('2026-11-24T09:00:01.000Z') };
    expect(canonicalEvent(first)).toBe('{"actorId":"u1","chain":"r1","occurredAt":"2026-11-24T09:00:01.000Z","payload":{"a":1,"b":[1,2]},"position":1,"roundId":"r1","sequence":7,"type":"test.event"}');
    const h1 = hashEvent(GENESIS_HASH, first);
    expect(h1).toBe('e892d4884f45bcc7789087db527a86749a1b851d2cc3877411ab10889235ec0f');
    const checkpoint = { sequence: 8, chain: 'system', position: 1, roundId: null, actorId: null, type: 'audit.checkpoint', payload: { heads: [{ chain: 'r1', position: 1, hash: h1 }] }, occurredAt: new Date('2026-11-24T09:00:02.000Z') };
    expect(hashEvent(GENESIS_HASH, checkpoint)).toBe('72bfbea536bd8230dd6cbd86865b1187acb4262e332591b2418b2fa76a1f6824');
    // The old recipe over the same stored event, for converted events.
    expect(hashLegacyEvent(GENESIS_HASH, { ...first, sequence: 1, roundId: null, payload: { b: [1, 2], a: 1 } })).toBe('0523449140f87ed589f9ed45dd0374b5f2952cddc9090cd3ed6ec497f9320cb5');
  });

  it('numbers a per-round chain by position, whatever the sequence numbers between', () => {
    const events: { sequence: number; chain: string; position: number; roundId: string; actorId: null; type: string; payload: Record<string, unknown>; occurredAt: Date; prevHash: string; hash: string }[] = [];
    for (const [position, sequence] of [[1, 3], [2, 9], [3, 10]]) {
      const e = { sequence, chain: 'r1', position, roundId: 'r1', actorId: null, type: 't', payload: {}, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)) };
      const prevHash = events.at(-1)?.hash ?? GENESIS_HASH;
      events.push({ ...e, prevHash, hash: hashEvent(prevHash, e) });
    }
    expect(findBreak(events, null)).toBeNull();
    expect(findBreak([events[0], events[2]], null)).toEqual({ sequence: 10, problem: 'expected position 2 of its chain next, found 3 (events missing)' });
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
