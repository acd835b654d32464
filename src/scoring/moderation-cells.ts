import { EntityManager, In } from 'typeorm';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { exactString, quotient } from '../results/exact.js';
import type { Round } from '../round-core/round.entity.js';
import { User } from '../users/user.entity.js';
import { Consensus } from './consensus.entity.js';
import type { ConsensusDto, IndividualMarkDto, ModerationCellDto, RecusedMarkDto } from './moderation.dto.js';
import { Score } from './score.entity.js';
import { countedScores, interestKey, interestsByMemberAndBid, markStanding } from './counted-marks.js';

/** Marks this far apart or more are flagged for discussion first. */
export const DISAGREEMENT_SPREAD = 2;

interface CellMarks {
  marks: IndividualMarkDto[];
  recused: RecusedMarkDto[];
  count: number;
  sum: number;
  low: number;
  high: number;
}

const cellKey = (bidId: string, criterionId: string, group: string) => `${bidId}/${criterionId}/${group}`;

/**
 * Every bid x quality question x scoring group of a round, with the marks that count (counted-marks.ts),
 * the marks of members recused from the bid (shown, never counted) and any recorded consensus. Moderation shows the individual marks; the results and the workflow facts
 * need only their count, sum and range, which the database adds up (`withMarks: false`), so a round of
 * 800,000 marks never loads them all.
 */
export async function moderationCells(
  manager: EntityManager,
  round: Round,
  options: { withMarks?: boolean; reasons?: boolean; only?: { bidId: string; criterionId: string; group: string }; bidIds?: string[]; withPractice?: boolean } = {},
): Promise<ModerationCellDto[]> {
  const withMarks = options.withMarks ?? true;
  // One cell, one page of bids (their marks and justifications only), or the whole round.
  const bidIds = options.only ? [options.only.bidId] : options.bidIds;
  const questions = questionsOf(await loadCriteriaTree(manager, round.id)).filter((q) => q.type === 'quality');
  const bids = await manager.find(Bid, {
    where: { roundId: round.id, compliance: 'compliant', ...(options.withPractice ? {} : IN_THE_AWARD), ...(bidIds ? { id: In(bidIds) } : {}) },
    order: { receivedAt: 'ASC', id: 'ASC' },
    select: { id: true, supplierName: true, lotKey: true, receivedAt: true },
  });
  const consensus = await manager.find(Consensus, { where: { roundId: round.id, ...(bidIds ? { bidId: In(bidIds) } : {}), ...(options.only ? { criterionId: options.only.criterionId } : {}) } });
  const recorders = await manager.find(User, { where: { id: In([...new Set(consensus.map((c) => c.recordedById))]) } });
  const agreed = new Map(consensus.map((c) => [cellKey(c.bidId, c.criterionId, c.group), c]));
  const marks = withMarks ? await individualMarks(manager, round.id, { bidIds, criterionId: options.only?.criterionId }, options.reasons ?? true) : await markTotals(manager, round.id, bidIds);

  const cells: ModerationCellDto[] = [];
  for (const bid of bids) {
    for (const question of questions) {
      for (const group of question.scoredBy) {
        if (options.only && (options.only.criterionId !== question.id || options.only.group !== group)) continue;
        const key = cellKey(bid.id, question.id, group);
        const given = marks.get(key);
        const counted = given && given.count > 0 ? given : null;
        const recorded = agreed.get(key);
        const gap = counted ? counted.high - counted.low : null;
        cells.push({
          bidId: bid.id, supplierName: bid.supplierName, ...(bid.lotKey ? { lotKey: bid.lotKey } : {}), criterionId: question.id, key: question.key, title: question.title, group,
          marks: given?.marks ?? [],
          recused: given?.recused ?? [],
          mean: counted ? exactString(quotient(counted.sum, counted.count)) : null,
          spread: gap, disagreement: (gap ?? 0) >= DISAGREEMENT_SPREAD,
          consensus: recorded ? toConsensusDto(recorded, recorders) : null,
        });
      }
    }
  }
  return cells;
}

/**
 * The marks that count, with panel codes and (unless `reasons` is false) justifications, and the recused
 * ones, grouped by cell. Without reasons the justifications are not read at all: a page of a whole
 * organisation shows the marks, and one cell's page its reasons.
 */
async function individualMarks(manager: EntityManager, roundId: string, only: { bidIds?: string[]; criterionId?: string }, reasons: boolean): Promise<Map<string, CellMarks>> {
  const members = new Map((await manager.find(PanelMember, { where: { roundId } })).map((m) => [m.id, m]));
  const interests = await interestsByMemberAndBid(manager, roundId, only.bidIds);
  const scores = await manager.find(Score, {
    where: { roundId, ...(only.bidIds ? { bidId: In(only.bidIds) } : {}), ...(only.criterionId ? { criterionId: only.criterionId } : {}) },
    ...(reasons ? {} : { select: { id: true, bidId: true, criterionId: true, panelMemberId: true, mark: true, submittedAt: true, updatedAt: true } }),
  });
  const reason = (score: Score) => (reasons ? { justification: score.justification } : {});
  const cells = new Map<string, CellMarks>();
  for (const score of scores) {
    const member = members.get(score.panelMemberId)!;
    const standing = markStanding(score, member, interests.get(interestKey(member.id, score.bidId)));
    const key = cellKey(score.bidId, score.criterionId, member.group);
    const cell = cells.get(key) ?? { marks: [], recused: [], count: 0, sum: 0, low: Infinity, high: -Infinity };
    cells.set(key, cell);
    if (!standing.counts) {
      if (standing.why === 'recused') cell.recused.push({ panelCode: member.panelCode, mark: score.mark, ...reason(score), savedAt: score.updatedAt.toISOString(), standing: standing.label });
      continue;
    }
    cell.marks.push({ panelCode: member.panelCode, mark: score.mark, ...reason(score), savedAt: score.updatedAt.toISOString() });
    cell.count++;
    cell.sum += score.mark;
    cell.low = Math.min(cell.low, score.mark);
    cell.high = Math.max(cell.high, score.mark);
  }
  for (const cell of cells.values()) {
    cell.recused.sort((a, b) => a.panelCode.localeCompare(b.panelCode));
    cell.marks.sort((a, b) => a.panelCode.localeCompare(b.panelCode));
  }
  return cells;
}

/** Count, sum and range of the marks that count per cell, added up by the database. */
async function markTotals(manager: EntityManager, roundId: string, bidIds?: string[]): Promise<Map<string, CellMarks>> {
  const counted = countedScores(manager, roundId);
  if (bidIds) counted.andWhere('s.bidId IN (:...bidIds)', { bidIds: bidIds.length ? bidIds : [''] });
  const rows = await counted
    .select('s.bidId', 'bidId')
    .addSelect('s.criterionId', 'criterionId')
    .addSelect('m.group', 'group')
    .addSelect('COUNT(*)', 'count')
    .addSelect('SUM(s.mark)', 'sum')
    .addSelect('MIN(s.mark)', 'low')
    .addSelect('MAX(s.mark)', 'high')
    .groupBy('s.bidId')
    .addGroupBy('s.criterionId')
    .addGroupBy('m.group')
    .getRawMany<{ bidId: string; criterionId: string; group: string; count: string; sum: string; low: string; high: string }>();
  return new Map(rows.map((r) => [cellKey(r.bidId, r.criterionId, r.group), { marks: [], recused: [], count: Number(r.count), sum: Number(r.sum), low: Number(r.low), high: Number(r.high) }]));
}

export function toConsensusDto(c: Consensus, users: User[]): ConsensusDto {
  return { mark: c.mark, reason: c.reason, recordedBy: users.find((u) => u.id === c.recordedById)?.displayName ?? 'unknown', recordedAt: c.recordedAt.toISOString(), version: c.version, reviewNeeded: c.reviewNeeded };
}

