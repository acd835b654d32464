import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BidAnswerRecord } from './bid-answer-record.entity.js';
import { InstantColumn } from '../common/columns.js';
import { PanelMember } from '../round-core/panel-member.entity.js';

/**
 * One panellist's mark for one bid on one question, with why. A draft until the panellist submits;
 * after that it is never changed (moderation records a consensus beside it instead).
 */
@Entity('scores')
@Index('IDX_scores_member_bid_criterion', ['panelMemberId', 'bidId', 'criterionId'], { unique: true })
// Covers the results' per-cell totals, so they are read from the index alone (800,000 marks: see npm run bench).
@Index('IDX_scores_round_cell', ['roundId', 'bidId', 'criterionId', 'panelMemberId', 'submittedAt', 'mark'])
export class Score extends BidAnswerRecord {
  @Column({ type: 'varchar', length: 36 })
  panelMemberId: string;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  panelMember?: Relation<PanelMember>;

  @Column({ type: 'integer' })
  mark: number;

  @Column({ type: 'text' })
  justification: string;

  @InstantColumn()
  updatedAt: Date;

  /** Null while a draft. */
  @InstantColumn({ nullable: true })
  submittedAt: Date | null;
}
