import { Column, Entity } from 'typeorm';
import { InstantColumn } from '../common/columns.js';
import { RoundOwned } from '../round-core/round-owned.entity.js';

/**
 * A bid file the lead has uploaded and seen checked, waiting for the lead to confirm it. It is not a bid:
 * no bid exists until the confirmation registers them all in one transaction. One per round (the latest).
 */
@Entity('bid_uploads')
export class BidUpload extends RoundOwned {
  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'varchar', length: 4 })
  format: 'xlsx' | 'csv';

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** The file as uploaded, base64 (text on both databases). */
  @Column({ type: 'text' })
  content: string;

  /** The check found no problem: only then may it be confirmed. */
  @Column({ type: 'boolean' })
  clean: boolean;

  @Column({ type: 'varchar', length: 36 })
  uploadedById: string;

  @InstantColumn()
  uploadedAt: Date;
}
