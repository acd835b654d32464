import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { Clock } from '../common/clock.js';
import { Database } from '../database/database.js';
import { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH, hashEvent } from './audit-chain.js';
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

/** The chain check, with the data check beside it (`valid` needs both). */
export interface VerifyResult extends ChainResult {
  chainValid: boolean;
  data: DataResult;
  checkedAt: string;
}

// Any constant works: it names the one lock that orders appends to the chain on PostgreSQL.
const AUDIT_APPEND_LOCK = 720_230_051;

@Injectable()
export class AuditService {
  constructor(private readonly db: Database, private readonly clock: Clock) {}

  /**
   * Appends an event inside the caller's transaction, so the change and its record commit together.
   * Call it last in a command: on PostgreSQL it holds the chain lock until commit.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    if (manager.connection.options.type === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
    }
    const data = entry.rows?.length ? await recordRows(manager, entry.rows) : null;
    const [last] = await manager.find(AuditEvent, { order: { sequence: 'DESC' }, take: 1, select: { sequence: true, hash: true } });
    const event = manager.create(AuditEvent, {
      sequence: (last?.sequence ?? 0) + 1,
      roundId: entry.roundId ?? null,
      actorId: entry.actorId,
      type: entry.type,
      payload: { ...entry.payload, ...(data ? { data } : {}) },
      occurredAt: this.clock.now(),
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    event.hash = hashEvent(event.prevHash, event);
    await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>); // insert, not save: nothing to read back
    return event;
  }

  /** Recomputes the whole chain, and every audited row against the trail (one round's rows, or all). */
  verify(roundId?: string): Promise<VerifyResult> {
    return this.db.read(async (manager) => {
      const chain = await verifyChain(manager);
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
