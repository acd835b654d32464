import { EntityManager, In } from 'typeorm';
import { loadLotResults, type LoadedResults, type LotResults } from '../award/results.service.js';
import { hasLots, NO_LOT, preferredBidOf } from '../round-core/lots.js';
import { stillHolds, SummarySent } from '../award/summary-records.entity.js';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { loadCriteriaTree, questionsOf, type QuestionNode, type SectionNode } from '../criteria/criteria-tree.js';
import { ConflictDeclaration } from '../round-core/conflict-declaration.entity.js';
import { PANEL_GROUPS } from '../domain/panel-group.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { naturalOrder, type BidResult } from '../results/index.js';
import { RoundTransition } from '../round-core/round-transition.entity.js';
import type { Round } from '../round-core/round.entity.js';
import { Consensus } from '../scoring/consensus.entity.js';
import { User } from '../users/user.entity.js';
import { citationsByQuestion } from '../statements/citations.js';
import { Clarification } from '../clarifications/clarification.entity.js';
import type { CitedStatementDto } from '../statements/statement.dto.js';
import type { Cell, ColumnSpec } from './workbook-file.js';

export const cellKey = (bidId: string, criterionId: string, group: string) => `${bidId}/${criterionId}/${group}`;

/**
 * A round with lots has a Lot column at the end of every table that lists bids (so every other column
 * keeps its letter); a round without lots keeps its tables exactly as they were.
 */
export const lotColumns = (ctx: Pick<WorkbookContext, 'round'>): ColumnSpec[] => (hasLots(ctx.round) ? [{ header: 'Lot', width: 8 }] : []);
/** The Lot cell of a row about a bid of this lot (nothing for a round without lots). */
export const lotCells = (ctx: Pick<WorkbookContext, 'round'>, lotKey: string | undefined): Cell[] => (hasLots(ctx.round) ? [lotKey ?? null] : []);


/** A bid with its short reference in the workbook (B1, B2, ... in the order received). */
export interface BidEntry {
  bid: Bid;
  ref: string;
  result: BidResult;
}

/**
 * Everything the workbook needs except the individual scores and the audit events, which are read
 * page by page while they are written. Loaded in one read, so it is one consistent view.
 */
export interface WorkbookContext {
  round: Round;
  tree: SectionNode[];
  questions: QuestionNode[];
  bids: BidEntry[];
  /** Professionals first, then young partners; by panel code within each group. */
  members: PanelMember[];
  conflicts: ConflictDeclaration[];
  consensus: Map<string, Consensus>;
  transitions: RoundTransition[];
  /**
   * The round's results: a round without lots, as they are; a round with lots, every lot's bids
   * together (for what is not per lot: provisional or not, where each mark came from).
   */
  results: LoadedResults;
  /** Each lot's own results (a round without lots: one, NO_LOT), in the round's lot order. */
  lots: LotResults[];
  actors: ActorNames;
  /** Assessment summaries marked sent, by bid. */
  summariesSent: Map<string, SummarySent>;
  /** The i-Statements each question answers, by question key: shareable ones only (an export). */
  citations: Map<string, CitedStatementDto[]>;
  /** The clarification log, in the order recorded (who asked is never exported). */
  clarifications: Clarification[];
}

export async function loadWorkbookContext(manager: EntityManager, round: Round): Promise<WorkbookContext> {
  const [tree, received, members, conflicts, consensus, transitions, lots, summariesSent, citations, clarifications] = await Promise.all([
    loadCriteriaTree(manager, round.id),
    manager.find(Bid, { where: { roundId: round.id, ...IN_THE_AWARD }, order: { receivedAt: 'ASC', id: 'ASC' } }),
    manager.find(PanelMember, { where: { roundId: round.id } }),
    manager.find(ConflictDeclaration, { where: { roundId: round.id }, order: { declaredAt: 'ASC' } }),
    manager.find(Consensus, { where: { roundId: round.id } }),
    manager.find(RoundTransition, { where: { roundId: round.id }, order: { occurredAt: 'ASC' } }),
    loadLotResults(manager, round),
    manager.find(SummarySent, { where: { roundId: round.id } }),
    citationsByQuestion(manager, round.id, { shareableOnly: true }),
    manager.find(Clarification, { where: { roundId: round.id }, order: { number: 'ASC' } }),
  ]);
  const results = hasLots(round) ? together(lots) : lots[0];
  const resultOf = new Map(lots.flatMap((lot) => lot.results.bids.map((r) => [r.id, r] as const)));
  // A round with lots lists its bids lot by lot (in received order within each), so each lot's rows are one block.
  const lotOrder = new Map(lots.map((lot, i) => [lot.part.key, i]));
  const bids = [...received].sort((a, b) => lotOrder.get(a.lotKey)! - lotOrder.get(b.lotKey)!);
  members.sort((a, b) => PANEL_GROUPS.indexOf(a.group) - PANEL_GROUPS.indexOf(b.group) || naturalOrder.compare(a.panelCode, b.panelCode));
  const actors = new ActorNames(members);
  await actors.resolve(manager, [...consensus.map((c) => c.recordedById), ...transitions.map((t) => t.actorId), ...summariesSent.map((s) => s.recordedById), round.leadId]);
  return {
    round,
    tree,
    questions: questionsOf(tree),
    bids: bids.map((bid, i) => ({ bid, ref: `B${i + 1}`, result: resultOf.get(bid.id)! })),
    members,
    conflicts,
    consensus: new Map(consensus.map((c) => [cellKey(c.bidId, c.criterionId, c.group), c])),
    transitions,
    results,
    lots,
    actors,
    summariesSent: new Map(summariesSent.filter((s) => stillHolds(s, preferredBidOf(round, bids.find((b) => b.id === s.bidId)?.lotKey ?? NO_LOT))).map((s) => [s.bidId, s])),
    citations,
    clarifications,
  };
}

/** Every lot's results as one (what is not per lot): provisional if any lot is, every bid, every mark's source. */
function together(lots: LotResults[]): LoadedResults {
  const [first] = lots;
  return {
    results: { ...first.results, lowestCompliantPrice: null, complete: lots.every((l) => l.results.complete), bids: lots.flatMap((l) => l.results.bids) },
    input: { ...first.input, bids: lots.flatMap((l) => l.input.bids), marks: lots.flatMap((l) => l.input.marks) },
    provisional: lots.some((l) => l.provisional),
    sources: new Map(lots.flatMap((l) => [...l.sources])),
  };
}

/**
 * Who did something, as the workbook may say it: a member of this round's panel by panel code only
 * (young partners' names and emails never enter the file, so neither do any panellist's), anyone else
 * (the lead, an auditor) by display name. Panellists' user records are never loaded.
 */
export class ActorNames {
  private readonly names = new Map<string, string>();

  constructor(members: readonly PanelMember[]) {
    for (const m of members) this.names.set(m.userId, m.panelCode);
  }

  async resolve(manager: EntityManager, ids: readonly (string | null)[]): Promise<void> {
    const missing = [...new Set(ids.filter((id): id is string => id !== null && !this.names.has(id)))];
    if (missing.length === 0) return;
    const users = await manager.find(User, { where: { id: In(missing) }, select: { id: true, displayName: true } });
    for (const user of users) this.names.set(user.id, user.displayName);
  }

  name(id: string | null): string {
    if (id === null) return 'scheduler';
    return this.names.get(id) ?? 'unknown user';
  }
}

/** An instant as the workbook shows it: ISO 8601 UTC text, which sorts and compares as it reads. */
export const instant = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : value;
