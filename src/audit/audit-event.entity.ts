import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn, JsonColumn } from '../common/columns.js';

/**
 * One link of the append-only, hash-chained audit trail. Never updated, never deleted. Each round has
 * its own chain (so writes to different rounds never wait for each other), and the system chain holds
 * account events and the checkpoints that record every chain's head. `sequence` orders all events.
 */
@Entity('audit_events')
@Index('IDX_audit_events_round', ['roundId', 'sequence'])
@Index('IDX_audit_events_chain_position', ['chain', 'position'], { unique: true })
export class AuditEvent {
  @PrimaryColumn({ type: 'integer' })
  sequence: number;

  /** The round's id, or 'system'. */
  @Column({ type: 'varchar', length: 36 })
  chain: string;

  /** 1, 2, 3... within the chain, with no gaps. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  roundId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 80 })
  type: string;

  @JsonColumn()
  payload: Record<string, unknown>;

  @InstantColumn()
  occurredAt: Date;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  hash: string;

  /** Events from before per-round chains: their hash in the single chain (recipe 1), kept to prove the conversion. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  legacyHash: string | null;
}
