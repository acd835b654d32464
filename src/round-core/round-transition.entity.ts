import { Column, Entity, Index } from 'typeorm';
import { RoundOwned } from './round-owned.entity.js';
import { InstantColumn } from '../common/columns.js';

/** One move of a round's workflow: the history auditors read. */
@Entity('round_transitions')
@Index('IDX_round_transitions_round', ['roundId', 'occurredAt'])
export class RoundTransition extends RoundOwned {
  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ type: 'varchar', length: 40 })
  fromState: string;

  @Column({ type: 'varchar', length: 40 })
  toState: string;

  /** Null when the scheduler moved the round (a deadline passed). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @InstantColumn()
  occurredAt: Date;
}
