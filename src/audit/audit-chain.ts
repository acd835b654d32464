import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous hash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain of events about no round: accounts, sign-ins, the system, and the checkpoints. */
export const SYSTEM_CHAIN = 'system';

/** The chain an event belongs to: its round's, or the system chain. */
export const chainOf = (roundId: string | null | undefined): string => roundId ?? SYSTEM_CHAIN;

export interface ChainedFields {
  sequence: number;
  roundId: string | null;
  actorId: string | null;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** An event of a per-round chain (recipe 2): it also names its chain and its position in it. */
export interface ChainLink extends ChainedFields {
  chain: string;
  position: number;
}

/**
 * The exact text that is hashed: the RFC 8785 canonical JSON of the event's fields. Recipe 1 (one chain
 * for the whole system, before per-round chains) has no chain or position; recipe 2 adds both.
 */
export function canonicalEvent(event: ChainedFields | ChainLink): string {
  return canonicalize({
    sequence: event.sequence,
    ...('chain' in event && event.chain !== undefined ? { chain: event.chain, position: event.position } : {}),
    roundId: event.roundId,
    actorId: event.actorId,
    type: event.type,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
  })!;
}

/** hash = SHA-256(prevHash + canonical JSON of the event), hex. */
export function hashEvent(prevHash: string, event: ChainedFields | ChainLink): string {
  return createHash('sha256').update(prevHash + canonicalEvent(event)).digest('hex');
}

/** Recipe 1 for an event of either shape: what the single chain hashed before the conversion. */
export function hashLegacyEvent(prevHash: string, event: ChainedFields): string {
  const { sequence, roundId, actorId, type, payload, occurredAt } = event;
  return hashEvent(prevHash, { sequence, roundId, actorId, type, payload, occurredAt });
}

export interface ChainBreak {
  sequence: number;
  problem: string;
}

/**
 * Checks a run of events that must directly follow `previous` (null for the start of the chain).
 * Returns the first broken link, or null. Per-round chains (recipe 2) are numbered by position; the
 * single chain of recipe 1 by sequence.
 */
export function findBreak<E extends ChainedFields & { prevHash: string; hash: string; position?: number }>(
  events: E[],
  previous: E | { sequence: number; position?: number; hash: string } | null,
): ChainBreak | null {
  let last = previous;
  for (const event of events) {
    const byPosition = event.position !== undefined;
    const number = byPosition ? event.position! : event.sequence;
    const expected = last ? (byPosition ? last.position! : last.sequence) + 1 : 1;
    if (number !== expected) {
      return { sequence: event.sequence, problem: byPosition
        ? `expected position ${expected} of its chain next, found ${number} (events missing)`
        : `expected event ${expected} next, found ${number} (events missing)` };
    }
    const expectedPrev = last ? last.hash : GENESIS_HASH;
    if (event.prevHash !== expectedPrev) {
      return { sequence: event.sequence, problem: 'its previous-hash does not match the hash of the event before it' };
    }
    if (hashEvent(event.prevHash, event) !== event.hash) {
      return { sequence: event.sequence, problem: 'its contents do not match its hash (the row was changed)' };
    }
    last = event;
  }
  return null;
}
