import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { applyEvent, correctedStandstillEnd, describeWorkflow, nextSteps, standstillCalendar, startRound, type PersistedRound, type RoundEventType } from '../../workflows/index.js';
import { RoundViewer } from '../round-core/round-viewer.js';
import { AuditEventDto } from '../audit/audit.dto.js';
import { AuditService, type VerifyResult } from '../audit/audit.service.js';
import { Bid } from '../bids/bid.entity.js';
import { Clock } from '../common/clock.js';
import { BusinessRuleError, ConflictError } from '../common/errors.js';
import { criteriaProblems } from '../criteria/criteria-rules.js';
import { writeCriteriaTree } from '../criteria/criteria-tree.js';
import { Database } from '../database/database.js';
import { Notifications } from '../notifications/notifications.service.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { User } from '../users/user.entity.js';
import { RoundCommands, type RoundScope } from '../round-core/round-commands.js';
import { computeFacts, loadRoundParts } from '../workflow-facts/workflow-facts.js';
import { RoundDefinitionDto } from './round-definition.dto.js';
import { HistoryEntryDto, RoundDto, RoundSummaryDto, TransitionResultDto, WorkflowDto } from './round.dto.js';
import { RoundTransition } from '../round-core/round-transition.entity.js';
import { Round } from '../round-core/round.entity.js';
import { citationsByQuestion } from '../statements/citations.js';
import { RoundErrorCode } from '../round-core/round-error-codes.js';

@Injectable()
export class RoundsService {
  constructor(
    private readonly db: Database,
    private readonly commands: RoundCommands,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: Notifications,
  ) {}

  async create(user: User, definition: RoundDefinitionDto): Promise<RoundDto> {
    const problems = criteriaProblems(definition, definition.scale);
    if (definition.voluntaryStandstillDays && definition.route !== 'light-touch') {
      problems.push(`A voluntary standstill applies to light-touch rounds only; the ${definition.route} route has its own`);
    }
    const { clarificationDeadline, tenderDeadline } = definition.timetable;
    if (clarificationDeadline && new Date(clarificationDeadline) >= new Date(tenderDeadline)) problems.push('The clarification deadline must come before the tender deadline');
    if (problems.length > 0) throw new BusinessRuleError(RoundErrorCode.DefinitionBreaksRules, 'The round definition breaks the evaluation rules', { problems });

    const workflow = startRound(definition.route, { voluntaryStandstillDays: definition.voluntaryStandstillDays ?? 0 });
    const round = await this.db.write(async (manager) => {
      const same = await manager.findOneBy(Round, { reference: definition.reference });
      if (same) throw new ConflictError(RoundErrorCode.ReferenceTaken, referenceTaken(same), { field: 'reference' });
      const saved = await manager.save(Round, manager.create(Round, {
        reference: definition.reference,
        title: definition.title,
        description: definition.description,
        route: definition.route,
        machineId: workflow.machineId,
        machineVersion: workflow.machineVersion,
        state: workflow.value,
        context: workflow.context,
        scale: { max: definition.scale.max, descriptors: definition.scale.descriptors.map((d) => ({ ...d })) },
        tieBreak: { ...definition.tieBreak },
        tenderDeadline: new Date(definition.timetable.tenderDeadline),
        clarificationDeadline: definition.timetable.clarificationDeadline ? new Date(definition.timetable.clarificationDeadline) : null,
        standstillEndsAt: null,
        conflictsAssessment: null,
        lots: definition.lots?.length ? definition.lots.map((lot) => ({ key: lot.key, title: lot.title, description: lot.description, value: lot.value ?? null })) : null,
        lotDecisions: null,
        leadId: user.id,
        createdAt: this.clock.now(),
      }));
      await writeCriteriaTree(manager, saved.id, definition.criteria);
      await this.audit.record(manager, { type: 'round.created', actorId: user.id, roundId: saved.id, payload: { reference: saved.reference, route: saved.route, definition: { ...definition } }, rows: [{ table: 'rounds', id: saved.id }] });
      return saved;
    });
    return this.get(user, round.id);
  }

  async list(user: User): Promise<RoundSummaryDto[]> {
    return this.db.read(async (manager) => {
      const memberships = await manager.find(PanelMember, { where: { userId: user.id, withdrawnAt: IsNull() } });
      const isAuditor = user.roles.includes('auditor');
      const rounds = isAuditor
        ? await manager.find(Round, { order: { createdAt: 'DESC' } })
        : await manager.find(Round, {
            where: [
              ...(user.roles.includes('commissioner') ? [{ leadId: user.id }] : []),
              ...(user.roles.includes('panellist') && memberships.length > 0 ? [{ id: In(memberships.map((m) => m.roundId)) }] : []),
            ],
            order: { createdAt: 'DESC' },
          });
      return rounds
        .map((round) => new RoundViewer(user, round, memberships.find((m) => m.roundId === round.id) ?? null))
        .filter((viewer) => viewer.canView)
        .map((viewer) => summary(viewer));
    });
  }

  get(user: User, roundId: string): Promise<RoundDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertCanView(), (scope) => this.detail(scope));
  }

  /** Moves the workflow: the guards decide from facts read in the same transaction; a refusal is a 409 with reasons. */
  sendEvent(user: User, roundId: string, type: RoundEventType, reason?: string): Promise<TransitionResultDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('move the round on'), async (scope) => {
      const result = (await this.transition(scope.manager, scope.round, scope.now, type, user.id, reason))!; // throws on a refusal
      return { event: type, from: result.from, to: result.to, round: await this.detail(scope) };
    });
  }

  /**
   * Fires a deadline event if the round is still waiting for it; false if another instance or an earlier
   * run already moved it. Safe to call repeatedly and from several app instances.
   */
  async fireDeadline(roundId: string, type: 'TENDER_DEADLINE_PASSED' | 'STANDSTILL_ELAPSED', expectedState: string): Promise<boolean> {
    return this.db.write(async (manager) => {
      const round = await manager.findOne(Round, { where: { id: roundId }, ...this.db.rowLock() });
      if (!round || round.state !== expectedState) return false;
      // A refused deadline (say, a round with no deadline set) is not an error: the round stays where it is.
      return (await this.transition(manager, round, this.clock.now(), type, null, null, 'skip')) !== null;
    });
  }

  /**
   * Rounds already in standstill keep a lawful end: where the route's calendar gives a later end than
   * the recorded one (counted before the calendar was corrected), the later end is recorded and
   * audited. Never earlier. Run at start-up, before any deadline fires; returns the rounds corrected.
   */
  async correctStandstillEnds(): Promise<number> {
    const candidates = await this.db.read((manager) => manager.find(Round, { where: { state: In(['standstill', 'suspended']) }, select: { id: true } }));
    let corrected = 0;
    for (const { id } of candidates) {
      const moved = await this.db.write(async (manager) => {
        const round = await manager.findOne(Round, { where: { id }, ...this.db.rowLock() });
        if (!round) return false;
        const end = correctedStandstillEnd(round.route, persisted(round));
        if (!end) return false;
        const previous = round.context.standstillEndsAt;
        await this.commands.save(manager, round, { context: { ...round.context, standstillEndsAt: end }, standstillEndsAt: new Date(end) });
        await this.audit.record(manager, {
          type: 'round.standstill_end_corrected', actorId: null, roundId: round.id,
          payload: { from: previous, to: end, calendar: standstillCalendar(round.route).id, reason: `Recounted in ${standstillCalendar(round.route).label}` },
          rows: [{ table: 'rounds', id: round.id }],
        });
        return true;
      });
      if (moved) corrected++;
    }
    return corrected;
  }

  history(user: User, roundId: string): Promise<HistoryEntryDto[]> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertCanView(), async ({ manager, round }) => {
      const moves = await manager.find(RoundTransition, { where: { roundId: round.id }, order: { occurredAt: 'ASC' } });
      const actors = await manager.find(User, { where: { id: In([...new Set(moves.map((m) => m.actorId).filter((id): id is string => id !== null))]) } });
      return moves.map((move) => ({
        event: move.event,
        from: move.fromState,
        to: move.toState,
        actor: actors.find((a) => a.id === move.actorId)?.displayName ?? null,
        reason: move.reason,
        at: move.occurredAt.toISOString(),
      }));
    });
  }

  /** The round's own audit events, and the check of the whole chain they belong to: lead and auditors. */
  async auditTrail(user: User, roundId: string, options: { afterSequence?: number; limit: number }): Promise<AuditEventDto[]> {
    const viewer = await this.commands.query(user, roundId, (v) => v.assertSeesEverything('the audit trail'), async ({ viewer: v }) => v);
    const events = (await this.audit.list({ roundId: viewer.round.id, afterSequence: options.afterSequence, limit: options.limit })).map(AuditEventDto.from);
    // Until the caller may see individual marks, their trail says a score was saved, not what it was.
    if (viewer.seesIndividualMarks) return events;
    return events.map((e) => (e.type === 'score.saved' ? { ...e, payload: { panelCode: e.payload.panelCode, bidId: e.payload.bidId, questionKey: e.payload.questionKey, hidden: 'The mark and justification are shown once scoring has closed' } } : e));
  }

  async verifyAudit(user: User, roundId: string): Promise<VerifyResult> {
    const round = await this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('the audit trail'), async (scope) => scope.round);
    return this.audit.verify(round.id);
  }

  workflow(user: User, roundId: string): Promise<WorkflowDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertCanView(), async ({ round }) => ({ ...describeWorkflow(round.route), current: round.state }));
  }

  async recordConflictsAssessment(user: User, roundId: string, summaryText: string): Promise<RoundDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record the conflicts assessment'), async (scope) => {
      if (scope.round.state !== 'draft') throw new ConflictError(RoundErrorCode.WrongStage, 'The conflicts assessment is recorded before the round is published', { state: scope.round.state });
      const assessment = { summary: summaryText, recordedAt: scope.now.toISOString(), recordedById: user.id };
      await this.commands.save(scope.manager, scope.round, { conflictsAssessment: assessment });
      await this.audit.record(scope.manager, { type: 'round.conflicts_assessment_recorded', actorId: user.id, roundId: scope.round.id, payload: { summary: summaryText }, rows: [{ table: 'rounds', id: scope.round.id }] });
      return this.detail(scope);
    });
  }

  async replaceCriteria(user: User, roundId: string, sections: RoundDefinitionDto['criteria']): Promise<RoundDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('change the criteria'), async (scope) => {
      if (scope.round.state !== 'draft') throw new ConflictError(RoundErrorCode.WrongStage, 'Criteria can change only while the round is a draft', { state: scope.round.state });
      const problems = criteriaProblems({ criteria: sections }, scope.round.scale);
      if (problems.length > 0) throw new BusinessRuleError(RoundErrorCode.CriteriaBreakRules, 'The criteria break the evaluation rules', { problems });
      await writeCriteriaTree(scope.manager, scope.round.id, sections);
      await this.commands.save(scope.manager, scope.round, {});
      await this.audit.record(scope.manager, { type: 'round.criteria_replaced', actorId: user.id, roundId: scope.round.id, payload: { criteria: sections } });
      return this.detail(scope);
    });
  }

  /** The lead sets a new tender deadline while the round is a draft (e.g. one that passed before publishing); it must be ahead. */
  async changeTimetable(user: User, roundId: string, tenderDeadline: string): Promise<RoundDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('change the timetable'), async (scope) => {
      if (scope.round.state !== 'draft') throw new ConflictError(RoundErrorCode.WrongStage, 'The timetable can change only while the round is a draft; once published, bidders rely on it', { state: scope.round.state });
      const deadline = new Date(tenderDeadline);
      if (deadline <= scope.now) throw new BusinessRuleError(RoundErrorCode.DeadlineInPast, 'The tender deadline must be in the future', { field: 'tenderDeadline' });
      const before = scope.round.tenderDeadline?.toISOString() ?? null;
      await this.commands.save(scope.manager, scope.round, { tenderDeadline: deadline });
      await this.audit.record(scope.manager, {
        type: 'round.timetable_changed', actorId: user.id, roundId: scope.round.id,
        payload: { tenderDeadline: { from: before, to: deadline.toISOString() } }, rows: [{ table: 'rounds', id: scope.round.id }],
      });
      return this.detail(scope);
    });
  }

  /** Applies one event with the facts it reads; a refusal throws a 409 with reasons, or returns null when `refused` is 'skip'. */
  private async transition(manager: EntityManager, round: Round, now: Date, type: RoundEventType, actorId: string | null, reason?: string | null, refused: 'throw' | 'skip' = 'throw') {
    const shortlistConfirmed = type === 'SHORTLIST_CONFIRMED' && !!reason;
    const event = { type, actor: actorId ?? 'scheduler', reason: reason ?? undefined };
    const result = applyEvent(round.route, persisted(round), { ...event, facts: await computeFacts(manager, round, now, { event: type, shortlistConfirmed }) });
    if (!result.ok) {
      if (refused === 'skip') return null;
      // The refusal lists the events allowed instead, which read every fact: recount them all for it.
      const full = applyEvent(round.route, persisted(round), { ...event, facts: await computeFacts(manager, round, now, { shortlistConfirmed }) });
      const refusal = full.ok ? result : full;
      throw new ConflictError(RoundErrorCode.TransitionNotAllowed, `${type} is not possible now`, { state: refusal.state, event: refusal.event, allowedEvents: refusal.allowedEvents, reasons: refusal.reasons });
    }
    const context = result.persisted.context;
    await this.commands.save(manager, round, {
      state: result.to,
      context,
      machineVersion: result.persisted.machineVersion,
      standstillEndsAt: context.standstillEndsAt ? new Date(context.standstillEndsAt) : null,
    });
    const move = await manager.save(RoundTransition, manager.create(RoundTransition, { roundId: round.id, event: type, fromState: result.from, toState: result.to, actorId, reason: reason || null, occurredAt: now }));
    await this.notifications.roundMoved(manager, now, round, type, result.to);
    await this.audit.record(manager, {
      type: 'round.transition', actorId, roundId: round.id, payload: { event: type, from: result.from, to: result.to, reason: reason || null },
      rows: [{ table: 'rounds', id: round.id }, { table: 'round_transitions', id: move.id }],
    });
    return result;
  }

  private async detail({ manager, round, viewer, now }: RoundScope): Promise<RoundDto> {
    const loaded = await loadRoundParts(manager, round.id);
    const { tree: criteria, members, bids } = loaded;
    const steps = viewer.seesEverything ? nextSteps(round.route, persisted(round), await computeFacts(manager, round, now, { loaded })) : { allowedEvents: [], blocked: [] };
    const showBids = viewer.seesEverything || viewer.bidsUnsealedForPanel;
    const cited = await citationsByQuestion(manager, round.id, { shareableOnly: !viewer.seesUnconsentedStatements });
    return {
      ...summary(viewer),
      description: round.description,
      workflow: { id: round.machineId, version: round.machineVersion },
      scale: round.scale,
      tieBreak: round.tieBreak,
      ...(round.lots?.length ? { lots: round.lots } : {}),
      criteria: criteria.map((section) => ({ ...section, questions: section.questions.map((q) => ({ ...q, statements: cited.get(q.key) ?? [] })) })),
      panel: members.map((m) => ({
        id: m.id,
        panelCode: m.panelCode,
        group: m.group,
        ...(viewer.seesEverything || m.userId === viewer.user.id ? { displayName: m.user?.displayName } : {}),
        seesPrice: m.seesPrice,
        conflictsDeclared: m.conflictsDeclaredAt !== null,
        scoresSubmitted: m.scoresSubmittedAt !== null,
        withdrawn: m.withdrawnAt !== null,
      })),
      conflictsAssessment: viewer.seesEverything ? round.conflictsAssessment : null,
      ...(showBids
        ? { bids: { received: bids.length, awaitingCompliance: count(bids, 'pending'), compliant: count(bids, 'compliant'), excluded: count(bids, 'excluded') } }
        : {}),
      allowedEvents: steps.allowedEvents,
      blocked: steps.blocked,
      cancelReason: round.context.cancelReason,
      version: round.version,
    };
  }
}

/**
 * A reference names one round for good (it is in the audit trail, the notices and the workbook), so a
 * cancelled round keeps its own: the refusal says so and suggests the next free-looking one.
 */
function referenceTaken(round: Round): string {
  const next = /-(\d+)$/.test(round.reference) ? round.reference.replace(/-(\d+)$/, (_, n: string) => `-${String(Number(n) + 1).padStart(n.length, '0')}`) : `${round.reference}-2`;
  return round.state === 'cancelled'
    ? `The reference ${round.reference} belongs to a cancelled round, which keeps it on the record; give the new round its own reference, such as ${next}`
    : `A round with the reference ${round.reference} already exists; give the new round its own reference, such as ${next}`;
}

const count = (bids: Bid[], status: Bid['compliance']) => bids.filter((b) => b.compliance === status).length;

export function persisted(round: Round): PersistedRound {
  return { machineId: round.machineId, machineVersion: round.machineVersion, value: round.state, context: round.context };
}

function summary(viewer: RoundViewer): RoundSummaryDto {
  const { round } = viewer;
  return {
    id: round.id,
    reference: round.reference,
    title: round.title,
    route: round.route,
    state: round.state,
    yourRole: viewer.isLead ? 'lead' : viewer.isAuditor ? 'auditor' : 'panellist',
    timetable: {
      tenderDeadline: round.tenderDeadline?.toISOString() ?? null,
      clarificationDeadline: round.clarificationDeadline?.toISOString() ?? null,
      awardNoticeAt: round.context.awardNoticeAt,
      standstillEndsAt: round.context.standstillEndsAt,
      standstillCalendar: standstillCalendar(round.route),
    },
  };
}
