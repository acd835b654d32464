import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn, JsonColumn } from '../common/columns.js';

/** One link of the append-only, hash-chained audit trail. Never updated, never deleted. */
@Entity('audit_events')
@Index('IDX_audit_events_round', ['roundId', 'sequence'])
export class AuditEvent {
  @PrimaryColumn({ type: 'integer' })
  sequence: number;

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
}
