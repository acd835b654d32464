import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { EntityWithId } from '../common/entity-id.js';
import { Round } from './round.entity.js';

/** Everything that belongs to one round, and goes when the round goes. */
export abstract class RoundOwned extends EntityWithId {
  @Column({ type: 'varchar', length: 36 })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundId' })
  round?: Relation<Round>;
}
