import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous hash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  sequence: number;
  roundId: string | null;
  actorId: string | null;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** The exact text that is hashed: the RFC 8785 canonical JSON of the event's fields. */
export function canonicalEvent(event: ChainedFields): string {
  return canonicalize({
    sequence: event.sequence,
    roundId: event.roundId,
    actorId: event.actorId,
    type: event.type,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
  })!;
}

/** hash = SHA-256(prevHash + canonical JSON of the event), hex. */
export function hashEvent(prevHash: string, event: ChainedFields): string {
  return createHash('sha256').update(prevHash + canonicalEvent(event)).digest('hex');
}

export interface ChainBreak {
  sequence: number;
  problem: string;
}

/**
 * Checks a run of events that must directly follow `previous` (null for the start of the chain).
 * Returns the first broken link, or null.
 */
export function findBreak(
  events: (ChainedFields & { prevHash: string; hash: string })[],
  previous: { sequence: number; hash: string } | null,
): ChainBreak | null {
  let last = previous;
  for (const event of events) {
    const expectedSequence = last ? last.sequence + 1 : 1;
    if (event.sequence !== expectedSequence) {
      return { sequence: event.sequence, problem: `expected event ${expectedSequence} next, found ${event.sequence} (events missing)` };
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
