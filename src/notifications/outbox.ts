import type { EntityManager } from 'typeorm';
import type { MailContent } from './messages.js';
import { OutboxMessage } from './outbox-message.entity.js';

/** Marks a transaction that wrote to the outbox, so the worker is woken once it commits. */
export const OUTBOX_WRITTEN = 'outboxWritten';

/**
 * Puts a message in the outbox inside the caller's transaction: it exists if and only if the change
 * commits, and nothing is sent before then. Call it before AuditService.record (which must come last).
 */
export async function enqueue(manager: EntityManager, now: Date, message: MailContent & { kind: string; to: string; roundId?: string | null }): Promise<void> {
  await manager.save(OutboxMessage, manager.create(OutboxMessage, {
    kind: message.kind,
    recipient: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    roundId: message.roundId ?? null,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    sentAt: null,
  }));
  wakeAfterCommit(manager);
}

/** A failed message goes back in the queue with its attempts counted afresh (an administrator asked, e.g. once mail is fixed). */
export async function requeue(manager: EntityManager, id: string, now: Date): Promise<boolean> {
  const moved = await manager.update(OutboxMessage, { id, status: 'failed' }, { status: 'pending', attempts: 0, nextAttemptAt: now });
  if (!moved.affected) return false;
  wakeAfterCommit(manager);
  return true;
}

function wakeAfterCommit(manager: EntityManager): void {
  if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [OUTBOX_WRITTEN]: true };
}

/** Waiting time before attempt n+1 after n failed attempts: 1 minute, doubling, at most 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(60_000 * 2 ** (failedAttempts - 1), 6 * 3600_000);
}

/** After this many failed attempts a message is marked failed and left for an administrator. */
export const MAX_ATTEMPTS = 10;
