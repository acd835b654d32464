import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BidAnswerRecord } from './bid-answer-record.entity.js';
import { InstantColumn } from '../common/columns.js';
import type { PanelGroup } from '../domain/panel-group.js';

/**
 * A group's agreed mark for one bid on one question, with the reason and who recorded it
 * (Lancashire Care v Lancashire CC: the record of how consensus was reached). The individual
 * scores beside it stay untouched.
 */
@Entity('consensus')
@Index('IDX_consensus_bid_criterion_group', ['bidId', 'criterionId', 'group'], { unique: true })
@Index('IDX_consensus_round', ['roundId'])
export class Consensus extends BidAnswerRecord {
  @Column({ type: 'varchar', length: 20 })
  group: PanelGroup;

  @Column({ type: 'integer' })
  mark: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;

  /** Why the lead must review this consensus (a panellist whose mark informed it declared an interest since), or null. */
  @Column({ type: 'text', nullable: true })
  reviewNeeded: string | null;

  /** A change must name the version it replaces, so two moderators cannot overwrite each other. */
  @VersionColumn()
  version: number;
}
