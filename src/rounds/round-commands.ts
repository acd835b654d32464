import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoundViewer } from '../access/round-viewer.js';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { Database } from '../database/database.js';
import { ConflictDeclaration } from '../panel/conflict-declaration.entity.js';
import { PanelMember } from '../panel/panel-member.entity.js';
import type { User } from '../users/user.entity.js';
import { Round } from './round.entity.js';

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

  run<T>(user: User, roundId: string, authorise: (viewer: RoundViewer) => unknown, work: (scope: RoundScope) => Promise<T>): Promise<T> {
    return this.db.write(async (manager) => {
      const scope = await this.scope(manager, user, roundId, true);
      authorise(scope.viewer);
      return work(scope);
    });
  }

  query<T>(user: User, roundId: string, authorise: (viewer: RoundViewer) => unknown, work: (scope: RoundScope) => Promise<T>): Promise<T> {
    return this.db.read(async (manager) => {
      const scope = await this.scope(manager, user, roundId, false);
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
    if (result.affected !== 1) throw new ConflictError('Someone else changed this round at the same time; reload and try again');
    Object.assign(round, changes, { version: round.version + 1 });
  }

  private async scope(manager: EntityManager, user: User, roundId: string, forUpdate: boolean): Promise<RoundScope> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(roundId);
    const round = isUuid
      ? await manager.findOne(Round, {
          where: { id: roundId },
          ...(forUpdate && this.db.kind === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!round) throw new NotFoundError('Round not found');
    const member = await manager.findOneBy(PanelMember, { roundId: round.id, userId: user.id });
    const interests = member ? await manager.find(ConflictDeclaration, { where: { panelMemberId: member.id }, select: { bidId: true } }) : [];
    return { manager, round, viewer: new RoundViewer(user, round, member, new Set(interests.map((d) => d.bidId))), now: this.clock.now() };
  }
}
