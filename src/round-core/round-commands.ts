import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoundViewer } from './round-viewer.js';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { Database } from '../database/database.js';
import { ConflictDeclaration } from './conflict-declaration.entity.js';
import { PanelMember } from './panel-member.entity.js';
import type { User } from '../users/user.entity.js';
import { Round } from './round.entity.js';
import { AccessErrorCode } from './access-error-codes.js';
import { RoundErrorCode } from './round-error-codes.js';

/**
 * How a command holds its round on PostgreSQL. `exclusive` (FOR UPDATE, the default) for anything that
 * changes the round or must see it unchanged to the end: transitions, the panel, compliance. `shared`
 * (FOR SHARE) for a command that writes beside the round without changing it, such as a score save:
 * many run side by side, and a transition (exclusive) waits for them and they for it. What keeps
 * shared commands correct against each other is the unique index and the version checks on their rows.
 */
export interface CommandOptions {
  roundLock?: 'exclusive' | 'shared';
  /** A command about one bid: load the caller's declaration of interest in that bid only, not all of them. */
  bidId?: string;
}

export interface RoundScope {
  manager: EntityManager;
  round: Round;
  viewer: RoundViewer;
  now: Date;
}

/**
 * The shape of every round command: one transaction, the round loaded (and locked on PostgreSQL, so
 * commands on one round queue rather than race), the access check, then the work. Queries are the same
 * without the lock or the transaction.
 */
@Injectable()
export class RoundCommands {
  constructor(private readonly db: Database, private readonly clock: Clock) {}

  run<T>(user: User, roundId: string, authorise: (viewer: RoundViewer) => unknown, work: (scope: RoundScope) => Promise<T>, options: CommandOptions = {}): Promise<T> {
    return this.db.write(async (manager) => {
      const scope = await this.scope(manager, user, roundId, { roundLock: 'exclusive', ...options });
      authorise(scope.viewer);
      return work(scope);
    });
  }

  query<T>(user: User, roundId: string, authorise: (viewer: RoundViewer) => unknown, work: (scope: RoundScope) => Promise<T>): Promise<T> {
    return this.db.read(async (manager) => {
      const scope = await this.scope(manager, user, roundId, {});
      authorise(scope.viewer);
      return work(scope);
    });
  }

  /** Saves the round only if nobody else changed it since it was loaded. */
  async save(manager: EntityManager, round: Round, changes: Partial<Round>): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(Round)
      .set({ ...changes, version: round.version + 1 } as object)
      .where('id = :id AND version = :version', { id: round.id, version: round.version })
      .execute();
    if (result.affected !== 1) throw new ConflictError(RoundErrorCode.ConcurrentChange, 'Someone else changed this round at the same time; reload and try again');
    Object.assign(round, changes, { version: round.version + 1 });
  }

  private async scope(manager: EntityManager, user: User, roundId: string, options: CommandOptions): Promise<RoundScope> {
    const round = isUuid(roundId) ? await manager.findOne(Round, { where: { id: roundId }, ...(options.roundLock ? this.db.rowLock(options.roundLock) : {}) }) : null;
    if (!round) throw new NotFoundError(AccessErrorCode.RoundNotFound, 'Round not found');
    // The caller's seat and their declarations of interest (in the one bid, for a command about one bid) in one statement.
    const seat = manager.createQueryBuilder(PanelMember, 'm')
      .leftJoin(ConflictDeclaration, 'd', options.bidId ? 'd.panelMemberId = m.id AND d.bidId = :bidId' : 'd.panelMemberId = m.id', options.bidId ? { bidId: options.bidId } : {})
      .addSelect('d.bidId', 'declaredBidId')
      .where('m.roundId = :roundId AND m.userId = :userId', { roundId: round.id, userId: user.id });
    const { entities: [member], raw } = await seat.getRawAndEntities<{ declaredBidId: string | null }>();
    const interests = new Set(raw.map((r) => r.declaredBidId).filter((id): id is string => id !== null));
    return { manager, round, viewer: new RoundViewer(user, round, member ?? null, interests), now: this.clock.now() };
  }
}

export const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
