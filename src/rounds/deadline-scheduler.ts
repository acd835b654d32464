import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { Round } from '../round-core/round.entity.js';
import { RoundsService } from './rounds.service.js';

const DEADLINES = [
  { state: 'tendering', column: 'tenderDeadline', event: 'TENDER_DEADLINE_PASSED' },
  { state: 'standstill', column: 'standstillEndsAt', event: 'STANDSTILL_ELAPSED' },
] as const;

/**
 * Sends deadline events to rounds whose deadline has passed: at start-up (a deadline that passed while
 * the app was down fires then) and every interval; then writes the audit checkpoint (every chain's head
 * in the system chain) if any chain has moved. Each firing re-checks the round under its lock, so
 * running twice, or on two app instances, moves a round once.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // First recount standstills ended by an older calendar, so none is awarded a day early.
    const corrected = await this.rounds.correctStandstillEnds();
    if (corrected > 0) this.logger.warn(`Standstill end corrected (recounted later) for ${corrected} round(s)`);
    await this.runDue();
    if (this.config.schedulerIntervalSeconds > 0) {
      this.timer = setInterval(() => void this.runDue(), this.config.schedulerIntervalSeconds * 1000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Fires every due deadline; returns how many rounds this call moved. One run at a time per instance. */
  runDue(): Promise<number> {
    this.running ??= this.fireDue().finally(() => (this.running = null));
    return this.running;
  }

  private async fireDue(): Promise<number> {
    let moved = 0;
    for (const deadline of DEADLINES) {
      const due = await this.db.read((manager) =>
        manager.find(Round, { where: { state: In([deadline.state]), [deadline.column]: LessThanOrEqual(this.clock.now()) }, select: { id: true, reference: true } }),
      );
      for (const round of due) {
        try {
          if (await this.rounds.fireDeadline(round.id, deadline.event, deadline.state)) {
            moved++;
            this.logger.log(`${round.reference}: ${deadline.event}`);
          }
        } catch (error) {
          this.logger.error({ err: error, roundId: round.id }, `Could not send ${deadline.event} to ${round.reference}`);
        }
      }
    }
    try {
      await this.audit.checkpoint();
    } catch (error) {
      this.logger.error({ err: error }, 'Could not write the audit checkpoint');
    }
    return moved;
  }
}
