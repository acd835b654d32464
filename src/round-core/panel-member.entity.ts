import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { RoundOwned } from './round-owned.entity.js';
import { InstantColumn } from '../common/columns.js';
import { User } from '../users/user.entity.js';
import type { PanelGroup } from '../domain/panel-group.js';

/** A panellist's seat on one round's panel. Young partners appear in exports by panel code only. */
@Entity('panel_members')
@Index('IDX_panel_members_round_user', ['roundId', 'userId'], { unique: true })
@Index('IDX_panel_members_round_code', ['roundId', 'panelCode'], { unique: true })
export class PanelMember extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  group: PanelGroup;

  @Column({ type: 'varchar', length: 10 })
  panelCode: string;

  /** Assigned the price envelope: may see bid prices. */
  @Column({ type: 'boolean' })
  seesPrice: boolean;

  @InstantColumn()
  addedAt: Date;

  /** Set when the member has declared their conflicts against the actual bidders (complete declaration). */
  @InstantColumn({ nullable: true })
  conflictsDeclaredAt: Date | null;

  /** Set when the member submits all their scores; they are read-only to them from then on. */
  @InstantColumn({ nullable: true })
  scoresSubmittedAt: Date | null;

  /** A member who steps down is recorded, never deleted, so the record of who scored stays whole. */
  @InstantColumn({ nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason: string | null;
}
