import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { Clock } from '../common/clock.js';
import { Database } from '../database/database.js';
import { AuditEvent } from './audit-event.entity.js';
import { chainOf, GENESIS_HASH, hashEvent, SYSTEM_CHAIN } from './audit-chain.js';
import { verifyChain, verifyData, type ChainResult, type DataResult } from './audit-verification.js';
import { recordRows, type RowRef } from './audited-data.js';

export interface AuditEntry {
  type: string;
  actorId: string | null;
  roundId?: string | null;
  payload?: Record<string, unknown>;
  /** The audited rows this change wrote or deleted: their field hashes go into the payload as `data`. */
  rows?: RowRef[];
}

/**
 * Where a new event goes, in one statement: its sequence (from a PostgreSQL sequence, no row read or
 * locked; on SQLite the next number, one writer at a time) and its chain's last event (position and
 * hash). Read after the chain's lock is taken.
 */
async function chainHead(manager: EntityManager, chain: string): Promise<{ sequence: number; last: { position: number; hash: string } | null }> {
  const postgres = manager.connection.options.type === 'postgres';
  const [row] = (await manager.query(
    `SELECT ${postgres ? "nextval('audit_events_sequence')" : '(SELECT COALESCE(MAX("sequence"), 0) + 1 FROM audit_events)'} AS "next", h."position" AS "position", h."hash" AS "hash"
       FROM (SELECT 1 AS one) o LEFT JOIN (SELECT "position", "hash" FROM audit_events WHERE "chain" = ${postgres ? '$1' : '?'} ORDER BY "position" DESC LIMIT 1) h ON 1 = 1`,
    [chain],
  )) as { next: number | string; position: number | string | null; hash: string | null }[];
  return { sequence: Number(row.next), last: row.position === null || row.hash === null ? null : { position: Number(row.position), hash: row.hash } };
}

/** The chain check, with the data check beside it (`valid` needs both). */
export interface VerifyResult extends ChainResult {
  chainValid: boolean;
  data: DataResult;
  checkedAt: string;
}

// Any constant works: with the chain's key it names the lock that orders appends to one chain on PostgreSQL.
const AUDIT_APPEND_LOCK = 720_230_051;

/** The second key of a chain's append lock: 32 bits of the SHA-256 of its name (a shared key only makes two chains wait). */
export function chainLockKey(chain: string): number {
  return createHash('sha256').update(chain).digest().readInt32BE(0);
}

/** Takes the append lock of one chain until the transaction ends (PostgreSQL; SQLite runs one unit of work at a time). */
export async function lockChain(manager: EntityManager, chain: string): Promise<void> {
  if (manager.connection.options.type === 'postgres') await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_APPEND_LOCK, chainLockKey(chain)]);
}

@Injectable()
export class AuditService {
  constructor(private readonly db: Database, private readonly clock: Clock) {}

  /**
   * Appends an event to its round's chain (or the system chain) inside the caller's transaction, so the
   * change and its record commit together. Call it last in a command: on PostgreSQL it holds that
   * chain's lock until commit; other rounds' chains are not touched.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    const chain = chainOf(entry.roundId);
    // The rows are this transaction's own writes (row-locked until commit): read them back before taking the chain's lock, so it is held for as few round trips as possible.
    const data = entry.rows?.length ? await recordRows(manager, entry.rows) : null;
    await lockChain(manager, chain);
    const { sequence, last } = await chainHead(manager, chain);
    const event = manager.create(AuditEvent, {
      sequence,
      chain,
      position: (last?.position ?? 0) + 1,
      roundId: entry.roundId ?? null,
      actorId: entry.actorId,
      type: entry.type,
      payload: { ...entry.payload, ...(data ? { data } : {}) },
      occurredAt: this.clock.now(),
      prevHash: last?.hash ?? GENESIS_HASH,
      legacyHash: null,
    });
    event.hash = hashEvent(event.prevHash, event);
    await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>); // insert, not save: nothing to read back
    return event;
  }

  /**
   * Records every round chain's head in the system chain, so the system chain's last hash pins the
   * whole history. Written only when some chain moved since the last checkpoint; returns it, or null.
   */
  checkpoint(): Promise<AuditEvent | null> {
    return this.db.write(async (manager) => {
      await lockChain(manager, SYSTEM_CHAIN);
      const heads = (await manager.query(
        `SELECT e.chain, e.position, e.hash FROM audit_events e
           JOIN (SELECT chain, MAX(position) AS position FROM audit_events WHERE chain <> '${SYSTEM_CHAIN}' GROUP BY chain) h ON h.chain = e.chain AND h.position = e.position
          ORDER BY e.chain`,
      ) as { chain: string; position: number | string; hash: string }[]).map((h) => ({ chain: h.chain, position: Number(h.position), hash: h.hash }));
      const [previous] = await manager.find(AuditEvent, { where: { chain: SYSTEM_CHAIN, type: In(['audit.checkpoint', 'audit.chains_converted']) }, order: { position: 'DESC' }, take: 1 });
      const recorded = new Map(((previous?.payload.heads ?? []) as typeof heads).map((h) => [h.chain, h.hash]));
      if (heads.every((h) => recorded.get(h.chain) === h.hash)) return null;
      return this.record(manager, { type: 'audit.checkpoint', actorId: null, payload: { heads } });
    });
  }

  /** Recomputes every chain (or the system chain and one round's), and the audited rows against the trail (one round's, or all). */
  verify(roundId?: string): Promise<VerifyResult> {
    return this.db.read(async (manager) => {
      const chain = await verifyChain(manager, roundId);
      const data = await verifyData(manager, roundId);
      return { ...chain, valid: chain.valid && data.valid, chainValid: chain.valid, data, checkedAt: this.clock.now().toISOString() };
    });
  }

  list(filter: { roundId?: string; afterSequence?: number; limit: number }): Promise<AuditEvent[]> {
    return this.db.read((manager) => {
      const query = manager.createQueryBuilder(AuditEvent, 'e').orderBy('e.sequence', 'ASC').take(filter.limit);
      query.where('e.sequence > :after', { after: filter.afterSequence ?? 0 });
      if (filter.roundId) query.andWhere('e.roundId = :roundId', { roundId: filter.roundId });
      return query.getMany();
    });
  }
}
