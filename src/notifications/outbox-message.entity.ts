import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../common/columns.js';
import { EntityWithId } from '../common/entity-id.js';

/** pending: waiting for its (next) attempt; sending: claimed by one instance until nextAttemptAt; sent; failed: gave up. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email, written in the same transaction as the change that caused it and delivered after commit.
 * It may hold an invitation link (a password): only administrators see the outbox.
 */
@Entity('outbox_messages')
@Index('IDX_outbox_messages_due', ['status', 'nextAttemptAt'])
export class OutboxMessage extends EntityWithId {
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  roundId: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: OutboxStatus;

  @Column({ type: 'integer' })
  attempts: number;

  /** When the next attempt may start; while `sending`, when the claim lapses (an instance that died mid-send). */
  @InstantColumn()
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @InstantColumn()
  createdAt: Date;

  @InstantColumn({ nullable: true })
  sentAt: Date | null;
}
