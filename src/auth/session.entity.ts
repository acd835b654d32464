import { Column, Entity, EntityManager, Index, IsNull, JoinColumn, ManyToOne } from 'typeorm';
import { InstantColumn } from '../common/columns.js';
import { EntityWithId } from '../common/entity-id.js';
import { User } from '../users/user.entity.js';

/** How a session's token is presented: a browser cookie or an API bearer token; neither is accepted as the other. */
export const SESSION_KINDS = ['cookie', 'bearer'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * One signed-in session. The token only names it (`sid`); this row decides whether it still counts,
 * so sign-out, disabling an account or changing its roles ends it at once, on every instance.
 */
@Entity('sessions')
@Index('IDX_sessions_user', ['userId', 'endedAt'])
export class Session extends EntityWithId {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'varchar', length: 10 })
  kind: SessionKind;

  @InstantColumn()
  createdAt: Date;

  /** Moved forward at most once a minute, for the idle timeout. */
  @InstantColumn()
  lastSeenAt: Date;

  /** The absolute end, however active the session is. */
  @InstantColumn()
  expiresAt: Date;

  @InstantColumn({ nullable: true })
  endedAt: Date | null;
}

/** Ends every open session of a user, in the caller's transaction (sign out everywhere, disabling, a role or password change). */
export async function endSessions(manager: EntityManager, userId: string, now: Date): Promise<number> {
  const result = await manager.update(Session, { userId, endedAt: IsNull() }, { endedAt: now });
  return result.affected ?? 0;
}
