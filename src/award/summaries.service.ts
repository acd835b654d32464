import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { projectedStandstillEnd, standstillCalendar, standstillStartsDayAfter } from '../../workflows/index.js';
import { LONDON } from '../../workflows/london-time.js';
import { AuditService } from '../audit/audit.service.js';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf, type QuestionNode, type SectionNode } from '../criteria/criteria-tree.js';
import type { PanelGroup } from '../domain/panel-group.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { DECIDED } from '../round-core/round-stages.js';
import type { Round } from '../round-core/round.entity.js';
import { moderationCells } from '../scoring/moderation-cells.js';
import { User } from '../users/user.entity.js';
import { buildAssessmentSummary, reasonKey, type AssessmentSummary } from './assessment-summary.js';
import { checkReason, type ReasonCheck, type ReasonCheckInput } from './reason-check.js';
import { loadLotResults, type LoadedResults } from './results.service.js';
import { anyLotAwarded, lotLabel, NO_LOT, notAwarded, preferredBidOf } from '../round-core/lots.js';
import { summaryPdf } from './summary-pdf.js';
import { ReasonNote, stillHolds, SummarySent } from './summary-records.entity.js';
import { AwardErrorCode } from './award-error-codes.js';

/** A consensus reason that feeds a summary and that the reason check flagged. */
export interface WeakReason {
  bidId: string;
  supplierName: string;
  criterionId: string;
  key: string;
  title: string;
  group: PanelGroup;
  reason: string;
  /** The agreed mark: rewording keeps it. */
  mark: number;
  consensusVersion: number;
  problems: ReasonCheck['problems'];
  /** Why the lead let it stand, for this version of the consensus; null until recorded. */
  note: string | null;
}

export interface SentRecord {
  sentOn: string;
  sha256: string;
  recordedBy: string;
  recordedAt: string;
}

export interface SummaryStatus {
  bidId: string;
  supplierName: string;
  /** The bid's lot (a round with lots only). */
  lotKey?: string;
  outcome: AssessmentSummary['outcome'];
  sent: SentRecord | null;
  /** Flagged reasons of this bid without a note: the summary cannot be marked sent until none is left. */
  unresolvedReasons: number;
}

export interface SummariesOverview {
  state: string;
  /** Marking sent is possible at the award decision stage, before the award notice. */
  canMarkSent: boolean;
  summaries: SummaryStatus[];
  weakReasons: WeakReason[];
}

/** Everything the summaries of one round are made from, read once. */
interface SummaryData {
  /** Each lot's results (a round without lots: one, NO_LOT): a bidder's summary is its lot's. */
  results: Map<string, LoadedResults['results']>;
  tree: SectionNode[];
  bids: Bid[];
  reasons: Map<string, string>;
  weak: WeakReason[];
  /** Summaries marked sent that still hold (they named the preferred bidder recorded now). */
  sent: Map<string, SummarySent>;
  /** Summaries sent before the award decision changed: to be sent again. */
  superseded: Map<string, SummarySent>;
  users: User[];
}

/**
 * Assessment summaries (PA23 s.50, reg 31): built from the final results and the consensus reasons as
 * moderationCells reads them (so recusals apply), checked for weak reasons, marked sent by the lead.
 */
@Injectable()
export class SummariesService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  overview(user: User, roundId: string): Promise<SummariesOverview> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('assessment summaries'), async ({ manager, round }) => {
      const data = await this.load(manager, round);
      return {
        state: round.state,
        canMarkSent: round.state === 'awardDecision',
        summaries: data.bids.filter((b) => b.compliance === 'compliant' && preferredBidOf(round, b.lotKey) !== null).map((bid) => ({
          bidId: bid.id,
          supplierName: bid.supplierName,
          ...(bid.lotKey !== NO_LOT ? { lotKey: bid.lotKey } : {}),
          outcome: this.build(round, data, bid.id, new Date()).outcome,
          sent: sentRecord(data.sent.get(bid.id), data.users),
          unresolvedReasons: data.weak.filter((w) => w.bidId === bid.id && w.note === null).length,
        })),
        weakReasons: data.weak,
      };
    });
  }

  /** The summary as sent, if it was; otherwise as it stands now. */
  summary(user: User, roundId: string, bidId: string): Promise<{ summary: AssessmentSummary; sent: SentRecord | null }> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('assessment summaries'), async ({ manager, round, now }) => {
      const data = await this.load(manager, round);
      const record = data.sent.get(bidId);
      return { summary: record?.summary ?? this.build(round, data, bidId, now), sent: sentRecord(record, data.users) };
    });
  }

  async pdf(user: User, roundId: string, bidId: string): Promise<{ file: Buffer; fileName: string }> {
    const { summary } = await this.summary(user, roundId, bidId);
    return { file: await summaryPdf(summary), fileName: `${summary.round.reference}-assessment-summary-${slug(summary.supplierName)}.pdf` };
  }

  /** Records that the bidder was sent its summary (on `sentOn`, London date, default today): audited, once per bid. */
  markSent(user: User, roundId: string, bidId: string, sentOn?: string): Promise<SentRecord> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('mark assessment summaries sent'), async ({ manager, round, now }) => {
      if (round.state !== 'awardDecision') throw new ConflictError(AwardErrorCode.WrongStage, 'Summaries are marked sent at the award decision stage, before the award notice', { state: round.state });
      const data = await this.load(manager, round);
      const bid = data.bids.find((b) => b.id === bidId && b.compliance === 'compliant');
      if (!bid) throw new NotFoundError(AwardErrorCode.BidNotFound, 'Bid not found');
      if (data.sent.has(bid.id)) throw new ConflictError(AwardErrorCode.SummaryAlreadySent, `The summary for ${bid.supplierName} was already marked sent`);
      const superseded = data.superseded.get(bid.id);
      const today = DateTime.fromJSDate(now, { zone: LONDON }).toISODate()!;
      const day = sentOn ?? today;
      if (day > today) throw new BusinessRuleError(AwardErrorCode.SentInFuture, 'The date sent cannot be in the future', { field: 'sentOn' });
      const unresolved = data.weak.filter((w) => w.bidId === bid.id && w.note === null);
      if (unresolved.length > 0) {
        throw new BusinessRuleError(
          AwardErrorCode.WeakReasons,
          `${unresolved.length} ${unresolved.length === 1 ? 'reason needs' : 'reasons need'} improving, or a note on why ${unresolved.length === 1 ? 'it stands' : 'they stand'}, before this summary is sent`,
          { weakReasons: unresolved.map((w) => `${w.key} ${w.group}: ${w.problems.map((p) => p.message).join('; ')}`) },
        );
      }
      const summary = this.build(round, data, bid.id, now);
      const sha256 = createHash('sha256').update(await summaryPdf(summary)).digest('hex');
      // A summary that named another preferred bidder is replaced; the audit trail keeps what was sent before.
      const replaces = superseded ? { sentOn: superseded.sentOn, sha256: superseded.sha256 } : null;
      const fields = { roundId: round.id, bidId: bid.id, preferredBidId: preferredBidOf(round, bid.lotKey)!, sentOn: day, sha256, summary, recordedById: user.id, recordedAt: now };
      const saved = await manager.save(SummarySent, superseded ? manager.merge(SummarySent, superseded, fields) : manager.create(SummarySent, fields));
      await this.audit.record(manager, {
        type: 'award.summary_sent', actorId: user.id, roundId: round.id,
        payload: { bidId: bid.id, supplierName: bid.supplierName, sentOn: day, sha256, replaces },
      });
      return sentRecord(saved, [user])!;
    });
  }

  /** Records why a flagged consensus reason stands as written (for its current version): audited. */
  recordReasonNote(user: User, roundId: string, cell: { bidId: string; criterionId: string; group: PanelGroup; note: string }): Promise<WeakReason> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record why a reason stands'), async ({ manager, round, now }) => {
      if (!DECIDED.has(round.state) || round.state === 'awarded') throw new ConflictError(AwardErrorCode.WrongStage, 'Reasons are checked after moderation, before the award', { state: round.state });
      const data = await this.load(manager, round);
      const weak = data.weak.find((w) => w.bidId === cell.bidId && w.criterionId === cell.criterionId && w.group === cell.group);
      if (!weak) throw new NotFoundError(AwardErrorCode.FlaggedReasonNotFound, 'No flagged reason for that bid, question and group');
      if (weak.note !== null) throw new ConflictError(AwardErrorCode.NoteExists, 'A note is already recorded for this version of the reason');
      await manager.save(ReasonNote, manager.create(ReasonNote, {
        roundId: round.id, bidId: weak.bidId, criterionId: weak.criterionId, group: weak.group, consensusVersion: weak.consensusVersion, note: cell.note, recordedById: user.id, recordedAt: now,
      }));
      await this.audit.record(manager, {
        type: 'moderation.reason_note_recorded', actorId: user.id, roundId: round.id,
        payload: { bidId: weak.bidId, questionKey: weak.key, group: weak.group, consensusVersion: weak.consensusVersion, problems: weak.problems.map((p) => p.code), note: cell.note },
      });
      return { ...weak, note: cell.note };
    });
  }

  /** The check of each recorded consensus reason by cell (`bidId/criterionId/group`), for the moderation page: lead and auditors. */
  reasonChecks(user: User, roundId: string, only: { bidIds?: string[] } = {}): Promise<Map<string, ReasonCheck & { note: string | null }>> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('the reason check'), async ({ manager, round }) => {
      const bidIds = only.bidIds ? { bidId: In(only.bidIds) } : {};
      const [tree, bids, cells, notes] = await Promise.all([
        loadCriteriaTree(manager, round.id),
        manager.find(Bid, { where: { roundId: round.id, ...IN_THE_AWARD, ...(only.bidIds ? { id: In(only.bidIds) } : {}) } }),
        moderationCells(manager, round, { withMarks: false, bidIds: only.bidIds }),
        manager.find(ReasonNote, { where: { roundId: round.id, ...bidIds } }),
      ]);
      return new Map(checkedReasons(round, tree, bids, cells, notes).map(({ check, weak }) => [reasonKey(weak.bidId, weak.criterionId, weak.group), { ...check, note: weak.note }]));
    });
  }

  /** Checks a reason as the lead writes it, before it is recorded. */
  checkDraft(user: User, roundId: string, cell: { bidId: string; criterionId: string; reason: string }): Promise<ReasonCheck> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertLead('check a reason'), async ({ manager, round }) => {
      const question = questionsOf(await loadCriteriaTree(manager, round.id)).find((q) => q.id === cell.criterionId);
      const bid = await manager.findOneBy(Bid, { id: cell.bidId, roundId: round.id, ...IN_THE_AWARD });
      if (!question || !bid) throw new NotFoundError(AwardErrorCode.BidNotFound, 'Bid or question not found');
      return checkReason(reasonInput(round, question, bid, cell.reason));
    });
  }

  private build(round: Round, data: SummaryData, bidId: string, now: Date): AssessmentSummary {
    const bid = data.bids.find((b) => b.id === bidId);
    const results = bid && data.results.get(bid.lotKey);
    if (!bid || !results?.bids.some((b) => b.id === bidId)) throw new NotFoundError(AwardErrorCode.BidNotFound, 'Bid not found');
    // A bidder's summary is its lot's: that lot's ranking and preferred bidder. A lot not awarded has none.
    const preferredBidId = preferredBidOf(round, bid.lotKey);
    if (!preferredBidId) {
      const lot = round.lots?.find((l) => l.key === bid.lotKey);
      throw new ConflictError(AwardErrorCode.WrongStage, `Lot ${lot ? lotLabel(lot) : bid.lotKey} has no preferred bidder: its bidders get no assessment summary`, { state: round.state });
    }
    return buildAssessmentSummary({
      round: { reference: round.reference, title: round.title, route: round.route, tieBreak: round.tieBreak },
      results,
      tree: data.tree,
      bidId,
      preferredBidId,
      exclusionReason: bid.complianceReason,
      reasons: data.reasons,
      standstill: {
        calendar: standstillCalendar(round.route),
        workingDays: round.context.standstillDays,
        startsDayAfter: standstillStartsDayAfter(round.route),
        awardNoticeAt: round.context.awardNoticeAt,
        endsAt: round.context.standstillEndsAt,
        endsIfNoticeNow: projectedStandstillEnd(round.route, round.context, now.toISOString()),
      },
      generatedAt: now.toISOString(),
    });
  }

  private async load(manager: EntityManager, round: Round): Promise<SummaryData> {
    if (!DECIDED.has(round.state) || !anyLotAwarded(round)) throw new ConflictError(AwardErrorCode.WrongStage, 'Assessment summaries follow the award decision', { state: round.state });
    const [lots, tree, bids, cells, sent, notes] = await Promise.all([
      loadLotResults(manager, round),
      loadCriteriaTree(manager, round.id),
      manager.find(Bid, { where: { roundId: round.id, ...IN_THE_AWARD }, order: { receivedAt: 'ASC' } }),
      moderationCells(manager, round, { withMarks: false }),
      manager.find(SummarySent, { where: { roundId: round.id } }),
      manager.find(ReasonNote, { where: { roundId: round.id } }),
    ]);
    const reasons = new Map<string, string>();
    for (const cell of cells) if (cell.consensus) reasons.set(reasonKey(cell.bidId, cell.criterionId, cell.group), cell.consensus.reason);
    // A lot not awarded has no summaries, so its reasons need no check here.
    const lotOf = new Map(bids.map((b) => [b.id, b.lotKey]));
    const weak = checkedReasons(round, tree, bids, cells, notes).filter((c) => !c.check.ok && !notAwarded(round, lotOf.get(c.weak.bidId) ?? NO_LOT)).map((c) => c.weak);
    const users = await manager.find(User, { where: { id: In([...new Set(sent.map((s) => s.recordedById))]) } });
    const holds = (record: SummarySent) => stillHolds(record, preferredBidOf(round, lotOf.get(record.bidId) ?? NO_LOT));
    return {
      results: new Map(lots.map((lot) => [lot.part.key, lot.results])), tree, bids, reasons, weak, users,
      sent: new Map(sent.filter(holds).map((s) => [s.bidId, s])),
      superseded: new Map(sent.filter((s) => !holds(s)).map((s) => [s.bidId, s])),
    };
  }
}

/** What a reason is checked against: the round's scale descriptors, the question, the bid's answer to it. */
function reasonInput(round: Round, question: QuestionNode, bid: Bid, reason: string): ReasonCheckInput {
  return {
    reason,
    descriptors: round.scale.descriptors.flatMap((d) => [d.label, d.description, d.plainLanguage]),
    question: [question.title, question.text, question.plainLanguage ?? '', question.guidance ?? ''],
    response: bid.responses[question.key] ?? '',
  };
}

/** The reason check of every recorded consensus, with the note (for its version) if the lead recorded one. */
function checkedReasons(round: Round, tree: SectionNode[], bids: Bid[], cells: Awaited<ReturnType<typeof moderationCells>>, notes: ReasonNote[]) {
  const questions = new Map(questionsOf(tree).map((q) => [q.id, q]));
  return cells.flatMap((cell) => {
    if (!cell.consensus) return [];
    const check = checkReason(reasonInput(round, questions.get(cell.criterionId)!, bids.find((b) => b.id === cell.bidId)!, cell.consensus.reason));
    const note = notes.find((n) => n.bidId === cell.bidId && n.criterionId === cell.criterionId && n.group === cell.group && n.consensusVersion === cell.consensus!.version);
    const weak: WeakReason = {
      bidId: cell.bidId, supplierName: cell.supplierName, criterionId: cell.criterionId, key: cell.key, title: cell.title, group: cell.group as PanelGroup,
      reason: cell.consensus.reason, mark: cell.consensus.mark, consensusVersion: cell.consensus.version, problems: check.problems, note: note?.note ?? null,
    };
    return [{ check, weak }];
  });
}

function sentRecord(record: SummarySent | undefined, users: User[]): SentRecord | null {
  if (!record) return null;
  return { sentOn: record.sentOn, sha256: record.sha256, recordedBy: users.find((u) => u.id === record.recordedById)?.displayName ?? 'unknown', recordedAt: record.recordedAt.toISOString() };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
