import { Column, Entity, Index } from 'typeorm';
import { RoundOwned } from '../round-core/round-owned.entity.js';
import { InstantColumn, JsonColumn } from '../common/columns.js';

export type ComplianceStatus = 'pending' | 'compliant' | 'excluded';

/**
 * The one rule for which bids take part in the award: every bid but a practice bid. Spread it into the
 * `where` of every query that feeds moderation, results, facts, summaries or the workbook.
 */
export const IN_THE_AWARD = { practice: false } as const;

/** A supplier's bid, registered by the lead as it arrives. Sealed from the panel until the deadline. */
@Entity('bids')
// One bid per supplier per lot. A round without lots has every bid in the lot '' (NO_LOT), never NULL:
// both databases let NULLs repeat in a unique index, which would let a supplier bid twice.
@Index('IDX_bids_round_lot_supplier', ['roundId', 'lotKey', 'supplierName'], { unique: true })
export class Bid extends RoundOwned {
  @Column({ type: 'varchar', length: 200 })
  supplierName: string;

  /** The lot the bid is for: one of the round's lot keys, or '' (NO_LOT) in a round without lots. */
  @Column({ type: 'varchar', length: 20, default: '' })
  lotKey: string;

  /** Decimal string in pounds, e.g. "1745000.00"; null when the round has no price question. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  price: string | null;

  /** The bid's answer to each question, by question key. */
  @JsonColumn()
  responses: Record<string, string>;

  @InstantColumn()
  receivedAt: Date;

  @Column({ type: 'varchar', length: 36 })
  registeredById: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  compliance: ComplianceStatus;

  @Column({ type: 'text', nullable: true })
  complianceReason: string | null;

  @InstantColumn({ nullable: true })
  complianceDecidedAt: Date | null;

  /**
   * A calibration exercise: a made-up bid every panellist scores first, before the real ones. Its marks
   * feed only the panel's consistency view; it is never moderated, ranked, summarised or in the results.
   */
  @Column({ type: 'boolean', default: false })
  practice: boolean;
}
