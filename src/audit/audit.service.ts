import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Database } from '../database/database.js';
import { AuditEvent } from './audit-event.entity.js';
import { ChainBreak, findBreak, GENESIS_HASH, hashEvent } from './audit-chain.js';

export interface AuditEntry {
  type: string;
  actorId: string | null;
  roundId?: string | null;
  payload?: Record<string, unknown>;
}

export interface VerifyResult {
  valid: boolean;
  eventsChecked: number;
  lastHash: string;
  firstBreak: ChainBreak | null;
  checkedAt: string;
}

// Any constant works: it names the one lock that orders appends to the chain on PostgreSQL.
const AUDIT_APPEND_LOCK = 720_230_051;
const VERIFY_PAGE = 5_000;

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
    const [last] = await manager.find(AuditEvent, { order: { sequence: 'DESC' }, take: 1, select: { sequence: true, hash: true } });
    const event = manager.create(AuditEvent, {
      sequence: (last?.sequence ?? 0) + 1,
      roundId: entry.roundId ?? null,
      actorId: entry.actorId,
      type: entry.type,
      payload: entry.payload ?? {},
      occurredAt: this.clock.now(),
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    event.hash = hashEvent(event.prevHash, event);
    return manager.save(AuditEvent, event);
  }

  /** Recomputes the whole chain, a page at a time, and names the first broken link. */
  async verify(): Promise<VerifyResult> {
    return this.db.read(async (manager) => {
      let previous = null as { sequence: number; hash: string } | null;
      let checked = 0;
      for (;;) {
        const page = await manager
          .createQueryBuilder(AuditEvent, 'e')
          .where('e.sequence > :after', { after: previous?.sequence ?? 0 })
          .orderBy('e.sequence', 'ASC')
          .take(VERIFY_PAGE)
          .getMany();
        if (page.length === 0) break;
        const broken = findBreak(page, previous);
        if (broken) return this.result(checked + page.findIndex((e) => e.sequence === broken.sequence), previous, broken);
        checked += page.length;
        previous = page[page.length - 1];
      }
      return this.result(checked, previous, null);
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

  private result(checked: number, last: { hash: string } | null, firstBreak: ChainBreak | null): VerifyResult {
    return {
      valid: firstBreak === null,
      eventsChecked: checked,
      lastHash: last?.hash ?? GENESIS_HASH,
      firstBreak,
      checkedAt: this.clock.now().toISOString(),
    };
  }
}
