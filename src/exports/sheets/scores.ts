import { GROUP_LABELS, PANEL_GROUPS } from '../../domain/panel-group.js';
import { Score } from '../../scoring/score.entity.js';
import { interestKey, markStanding } from '../../scoring/counted-marks.js';
import type { Database } from '../../database/database.js';
import { cellKey, lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import { columnLetters, type ColumnSpec, type WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  bid: { header: 'Bid', width: 7 },
  supplier: { header: 'Supplier', width: 26 },
  question: { header: 'Question', width: 9 },
  group: { header: 'Group', width: 14 },
  panelCode: { header: 'Panel code', width: 10 },
  mark: { header: 'Mark', width: 7, kind: 'number' },
  status: { header: 'Status', width: 10 },
  counts: { header: 'Counts in moderation', width: 16 },
  justification: { header: 'Justification', width: 60, kind: 'wrap' },
  updated: { header: 'Last changed (UTC)', width: 25 },
  submitted: { header: 'Submitted (UTC)', width: 25 },
} satisfies Record<string, ColumnSpec>;

export const SCORES = columnLetters(COLUMNS);

/**
 * The submitted marks of one bid x question x group (the ones that count), as a block of consecutive
 * rows, with their count, sum and range; `marks` lists them for people ("P1 3, P2 3, P3 1").
 */
export interface MarkBlock {
  first: number;
  last: number;
  count: number;
  sum: number;
  low: number;
  high: number;
  marks: string;
}

interface ScoreRow {
  criterionId: string;
  panelMemberId: string;
  mark: number;
  justification: string;
  updatedAt: string;
  submittedAt: string | null;
}

/**
 * One row per individual mark, drafts and withdrawn members' marks included, read one bid at a time
 * (each page its own short read, so a long download does not hold the database). Rows run by bid,
 * question, group, the marks that count before those that do not, then panel code, so each moderation cell's
 * marks are one contiguous block that the Moderation sheet's formulas can average.
 */
/** Per moderation cell: the block of marks that count, and the marks of recused members ("YP1 3, recused (declared ...)"). */
export interface ScoreBlocks {
  blocks: Map<string, MarkBlock>;
  recused: Map<string, string>;
}

export async function writeScores(book: WorkbookFile, ctx: WorkbookContext, db: Database): Promise<ScoreBlocks> {
  const sheet = book.sheet({
    name: SHEET.scores,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [
      { cells: ['Scores: every individual mark, with its justification'], kind: 'title' },
      { cells: ['Panellists appear by panel code only. A mark counts in moderation once submitted, unless its panellist has withdrawn or has declared an interest in the bid (recused: the mark stays on record and never counts; see Conflicts).'], kind: 'note' },
    ],
  });
  const members = new Map(ctx.members.map((m) => [m.id, m]));
  const memberIds = ctx.members.map((m) => m.id);
  // ctx.members is in group then panel-code order, so a member's place in it sorts both at once.
  const place = new Map(ctx.members.map((m, i) => [m.id, i]));
  const position = new Map(ctx.questions.map((q, i) => [q.id, i]));
  const keyOf = new Map(ctx.questions.map((q) => [q.id, q.key]));
  const blocks = new Map<string, MarkBlock>();
  const recused = new Map<string, string>();
  const interests = new Map(ctx.conflicts.map((d) => [interestKey(d.panelMemberId, d.bidId), d]));

  for (const { bid, ref } of ctx.bids) {
    if (memberIds.length === 0) break;
    const page = await db.read((manager) =>
      manager.createQueryBuilder(Score, 's')
        .select('s.criterionId', 'criterionId')
        .addSelect('s.panelMemberId', 'panelMemberId')
        .addSelect('s.mark', 'mark')
        .addSelect('s.justification', 'justification')
        .addSelect('s.updatedAt', 'updatedAt')
        .addSelect('s.submittedAt', 'submittedAt')
        // Member first: the (member, bid, question) index finds one bid's scores without a scan.
        .where('s.panelMemberId IN (:...memberIds)', { memberIds })
        .andWhere('s.bidId = :bidId', { bidId: bid.id })
        .getRawMany<ScoreRow>());
    const rows = page.map((score) => {
      const member = members.get(score.panelMemberId)!;
      const status = score.submittedAt === null ? 'draft' : 'submitted';
      const standing = markStanding(score, member, interests.get(interestKey(member.id, bid.id)));
      const counts = standing.counts ? 'yes' : `no: ${standing.label}`;
      const sortBy = { question: position.get(score.criterionId)!, group: PANEL_GROUPS.indexOf(member.group), later: Number(counts !== 'yes'), place: place.get(member.id)! };
      return { score, member, status, standing, counts, sortBy };
    });
    rows.sort(({ sortBy: a }, { sortBy: b }) => a.question - b.question || a.group - b.group || a.later - b.later || a.place - b.place);
    const marks = new Map<string, string[]>();
    for (const { score, member, status, standing, counts } of rows) {
      const row = sheet.add([
        ref, bid.supplierName, keyOf.get(score.criterionId), GROUP_LABELS[member.group], member.panelCode, Number(score.mark),
        status, counts, score.justification, score.updatedAt, score.submittedAt, ...lotCells(ctx, bid.lotKey),
      ]);
      const key = cellKey(bid.id, score.criterionId, member.group);
      if (!standing.counts) {
        if (standing.why === 'recused') recused.set(key, [recused.get(key), `${member.panelCode} ${score.mark}, ${standing.label}`].filter(Boolean).join('; '));
        continue;
      }
      addToBlock(blocks, key, row, Number(score.mark));
      const text = `${member.panelCode} ${score.mark}`;
      const list = marks.get(key);
      if (list) list.push(text);
      else marks.set(key, [text]);
    }
    // Joined once per cell: appending to a string per mark would keep a chain of pieces per cell.
    for (const [key, list] of marks) blocks.get(key)!.marks = list.join(', ');
    await sheet.drain();
  }
  await sheet.finish();
  return { blocks, recused };
}

function addToBlock(blocks: Map<string, MarkBlock>, key: string, row: number, mark: number): void {
  const block = blocks.get(key);
  if (!block) {
    blocks.set(key, { first: row, last: row, count: 1, sum: mark, low: mark, high: mark, marks: '' });
    return;
  }
  if (row !== block.last + 1) throw new Error(`The marks of ${key} are not one block of rows`);
  block.last = row;
  block.count++;
  block.sum += mark;
  block.low = Math.min(block.low, mark);
  block.high = Math.max(block.high, mark);
}
