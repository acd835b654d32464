import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Bid } from '../bids/bid.entity.js';
import { ConflictError } from '../common/errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Database } from '../database/database.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { RoundCommands } from '../round-core/round-commands.js';
import type { Round } from '../round-core/round.entity.js';
import { User } from '../users/user.entity.js';
import * as messages from './messages.js';
import { enqueue } from './outbox.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { OutboxWorker } from './outbox-worker.js';

export interface RemindersDto {
  /** Panel codes of the members reminded (those who have not submitted and have not stepped down). */
  reminded: string[];
}

/**
 * What is sent when. Each method runs inside the caller's transaction and only enqueues: delivery
 * happens after commit (OutboxWorker).
 */
@Injectable()
export class Notifications {
  constructor(
    private readonly db: Database,
    private readonly commands: RoundCommands,
    private readonly audit: AuditService,
    private readonly worker: OutboxWorker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The one-time link goes into the outbox (seen by administrators only), never into a log. */
  invited(manager: EntityManager, now: Date, user: { email: string; displayName: string }, link: { url: string; expiresAt: Date }): Promise<void> {
    return enqueue(manager, now, { kind: 'invitation', to: user.email, ...messages.invitation({ displayName: user.displayName, ...link }) });
  }

  /** Called by every workflow move: scoring opening tells the panel, the two deadlines tell the lead. */
  async roundMoved(manager: EntityManager, now: Date, round: Round, event: string, to: string): Promise<void> {
    if (event === 'COMPLETE_COMPLIANCE' && to === 'scoring') {
      for (const member of await this.activeMembers(manager, round)) {
        await enqueue(manager, now, { kind: 'scoring.open', to: member.user!.email, roundId: round.id, ...messages.scoringOpen(this.forMember(round, member)) });
      }
    } else if (event === 'TENDER_DEADLINE_PASSED' || event === 'STANDSTILL_ELAPSED') {
      const lead = await manager.findOneByOrFail(User, { id: round.leadId });
      const ref = this.roundRef(round, `/rounds/${round.id}`);
      const content = event === 'TENDER_DEADLINE_PASSED'
        ? messages.tenderDeadlinePassed({ displayName: lead.displayName, round: ref, bids: await manager.countBy(Bid, { roundId: round.id, practice: false }) })
        : messages.standstillEnded({ displayName: lead.displayName, round: ref });
      await enqueue(manager, now, { kind: event === 'TENDER_DEADLINE_PASSED' ? 'lead.tender_deadline' : 'lead.standstill_ended', to: lead.email, roundId: round.id, ...content });
    }
  }

  scoresReceived(manager: EntityManager, now: Date, round: Round, member: PanelMember, user: User, scores: number): Promise<void> {
    return enqueue(manager, now, { kind: 'scoring.received', to: user.email, roundId: round.id, ...messages.scoresReceived({ ...this.forMember(round, member, user), scores, at: now }) });
  }

  /** The lead presses "remind": every member still to submit gets a reminder (audited, one transaction). */
  remind(lead: User, roundId: string): Promise<RemindersDto> {
    return this.commands.run(lead, roundId, (viewer) => viewer.assertLead('send reminders'), async ({ manager, round, now }) => {
      if (round.state !== 'scoring') throw new ConflictError('Reminders can be sent only while the round is open for scoring', { state: round.state });
      const outstanding = (await this.activeMembers(manager, round)).filter((m) => !m.scoresSubmittedAt);
      for (const member of outstanding) {
        await enqueue(manager, now, { kind: 'scoring.reminder', to: member.user!.email, roundId: round.id, ...messages.scoringReminder(this.forMember(round, member)) });
      }
      const reminded = outstanding.map((m) => m.panelCode);
      await this.audit.record(manager, { type: 'scoring.reminders_sent', actorId: lead.id, roundId: round.id, payload: { panelCodes: reminded } });
      return { reminded };
    });
  }

  /** The newest messages first, for administrators (they may hold invitation links). */
  async outbox(limit = 200) {
    const rows = await this.db.read((manager) => manager.find(OutboxMessage, { order: { createdAt: 'DESC' }, take: limit }));
    return {
      mailConfigured: this.worker.mailConfigured,
      note: this.worker.mailConfigured ? null : 'Mail is not configured (SMTP_URL is not set): messages are kept here and not sent.',
      messages: rows.map((m) => ({
        id: m.id, kind: m.kind, to: m.recipient, subject: m.subject, text: m.text, roundId: m.roundId, status: m.status, attempts: m.attempts,
        nextAttemptAt: m.status === 'pending' ? m.nextAttemptAt.toISOString() : null, lastError: m.lastError,
        createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
      })),
    };
  }

  private activeMembers(manager: EntityManager, round: Round): Promise<PanelMember[]> {
    return manager.find(PanelMember, { where: { roundId: round.id, withdrawnAt: IsNull() }, relations: { user: true }, order: { panelCode: 'ASC' } });
  }

  private forMember(round: Round, member: PanelMember, user = member.user!) {
    return { displayName: user.displayName, youngPartner: member.group === 'youngPartner', round: this.roundRef(round, `/rounds/${round.id}/score`) };
  }

  private roundRef(round: Round, path: string): messages.RoundRef {
    return { title: round.title, reference: round.reference, url: `${this.config.publicUrl}${path}` };
  }
}
