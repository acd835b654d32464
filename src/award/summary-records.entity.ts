import { Column, Entity, Index } from 'typeorm';
import { InstantColumn, JsonColumn } from '../common/columns.js';
import type { PanelGroup } from '../domain/panel-group.js';
import { BidAnswerRecord } from '../scoring/bid-answer-record.entity.js';
import { RoundOwned } from '../round-core/round-owned.entity.js';
import type { AssessmentSummary } from './assessment-summary.js';

/** A bidder's assessment summary as sent: the content, the SHA-256 of the PDF, when and who recorded it. */
@Entity('assessment_summaries_sent')
@Index('IDX_summaries_sent_bid', ['bidId'], { unique: true })
@Index('IDX_summaries_sent_round', ['roundId'])
export class SummarySent extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  bidId: string;

  /**
   * The preferred bidder the summary named. If the award decision changes, the summary no longer
   * holds and must be sent again (it is then replaced; the audit trail keeps both).
   */
  @Column({ type: 'varchar', length: 36 })
  preferredBidId: string;

  /** The London date it was sent, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  sentOn: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Exactly what the PDF shows, so the same file can be produced again and its hash checked. */
  @JsonColumn()
  summary: AssessmentSummary;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;
}

/** Whether a summary marked sent still holds: it named the preferred bidder recorded now for its bid's lot. */
export const stillHolds = (record: Pick<SummarySent, 'preferredBidId'>, preferredBidId: string | null) => record.preferredBidId === preferredBidId;

/** Why a consensus reason the check flagged stands as written, for one version of that consensus. */
@Entity('reason_notes')
@Index('IDX_reason_notes_cell', ['bidId', 'criterionId', 'group', 'consensusVersion'], { unique: true })
@Index('IDX_reason_notes_round', ['roundId'])
export class ReasonNote extends BidAnswerRecord {
  @Column({ type: 'varchar', length: 20 })
  group: PanelGroup;

  @Column({ type: 'integer' })
  consensusVersion: number;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;
}
