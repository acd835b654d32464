import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Bid } from '../bids/bid.entity.js';
import { Criterion } from '../criteria/criterion.entity.js';
import { RoundOwned } from '../round-core/round-owned.entity.js';

/** A record about one bid's answer to one question: an individual score or a group's consensus. */
export abstract class BidAnswerRecord extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidId' })
  bid?: Relation<Bid>;

  @Column({ type: 'varchar', length: 36 })
  criterionId: string;

  @ManyToOne(() => Criterion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'criterionId' })
  criterion?: Relation<Criterion>;
}
