import { AsyncResource } from 'node:async_hooks';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { In, LessThanOrEqual } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { MAX_ATTEMPTS, OUTBOX_WRITTEN, retryDelayMs } from './outbox.js';
import { OutboxMessage } from './outbox-message.entity.js';

/** How long one instance holds a claimed message; past it another instance may retry (the first one died mid-send). */
const CLAIM_MS = 5 * 60_000;
const BATCH = 50;
const INTERVAL_SECONDS = 10;

/**
 * Delivers the outbox over SMTP after commit: woken by every commit that wrote a message, on a short
 * interval (for retries), and at start-up. Each message is claimed with one conditional UPDATE, so of
 * several instances exactly one sends it; a failed send is retried with backoff on the injectable clock.
 * Without SMTP_URL it does nothing and messages stay in the outbox.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Passes run one after another; a pass asked for while one waits to start shares it. */
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: Promise<number> | null = null;
  /**
   * Runs outside the committing request's async context (its SQLite turn and any isolated clock),
   * as if started by the worker itself.
   */
  private readonly wake = AsyncResource.bind(() => {
    setImmediate(() => void this.deliverDue().catch((error) => this.logger.error({ err: error }, 'Outbox delivery failed')));
  });

  constructor(private readonly db: Database, private readonly clock: Clock, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl ? nodemailer.createTransport(config.mail.smtpUrl, { from: config.mail.from }) : null;
    db.dataSource.subscribers.push({
      afterTransactionCommit: ({ queryRunner }) => {
        if (!queryRunner.data?.[OUTBOX_WRITTEN]) return;
        queryRunner.data[OUTBOX_WRITTEN] = false;
        if (this.transport && !this.stopped) this.wake();
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (queryRunner.data?.[OUTBOX_WRITTEN]) queryRunner.data[OUTBOX_WRITTEN] = false;
      },
    });
  }

  get mailConfigured(): boolean {
    return this.transport !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.transport) return;
    this.wake();
    const seconds = Math.min(this.config.schedulerIntervalSeconds, INTERVAL_SECONDS);
    if (seconds > 0) {
      this.timer = setInterval(this.wake, seconds * 1000);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue;
    this.transport?.close();
  }

  /** Sends every message due now; resolves (with how many this pass sent) after any pass already running. */
  deliverDue(): Promise<number> {
    if (!this.transport || this.stopped) return Promise.resolve(0);
    if (this.waiting) return this.waiting;
    const pass = this.queue.then(() => {
      this.waiting = null;
      return this.pass();
    });
    this.waiting = pass;
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<number> {
    const due = await this.db.read((manager) =>
      manager.find(OutboxMessage, {
        where: { status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(this.clock.now()) },
        order: { nextAttemptAt: 'ASC' },
        take: BATCH,
        select: { id: true },
      }),
    );
    let sent = 0;
    for (const { id } of due) {
      if (this.stopped) break;
      const message = await this.claim(id);
      if (message && (await this.send(message))) sent++;
    }
    return sent;
  }

  /** One conditional UPDATE: of several instances racing for a message, exactly one changes the row. */
  private claim(id: string): Promise<OutboxMessage | null> {
    return this.db.write(async (manager) => {
      const now = this.clock.now();
      const claimed = await manager.update(
        OutboxMessage,
        { id, status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(now) },
        { status: 'sending', nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
      );
      return claimed.affected === 1 ? manager.findOneBy(OutboxMessage, { id }) : null;
    });
  }

  private async send(message: OutboxMessage): Promise<boolean> {
    const attempts = message.attempts + 1;
    try {
      await this.transport!.sendMail({ from: this.config.mail.from, to: message.recipient, subject: message.subject, text: message.text, html: message.html });
    } catch (error) {
      const now = this.clock.now();
      const failed = attempts >= MAX_ATTEMPTS;
      await this.db.write((manager) =>
        manager.update(OutboxMessage, { id: message.id, status: 'sending' }, {
          status: failed ? 'failed' : 'pending',
          attempts,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          lastError: String((error as Error).message ?? error).slice(0, 500),
        }),
      );
      // The id and kind only: the message itself may hold an invitation link.
      this.logger.warn(`Mail ${message.id} (${message.kind}) not sent, attempt ${attempts}${failed ? ', giving up' : ''}: ${(error as Error).message}`);
      return false;
    }
    await this.db.write((manager) => manager.update(OutboxMessage, { id: message.id, status: 'sending' }, { status: 'sent', attempts, sentAt: this.clock.now(), lastError: null }));
    return true;
  }
}
