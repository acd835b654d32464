import type { QuestionNode } from '../../criteria/criteria-tree.js';
import type { PanelGroup } from '../../domain/panel-group.js';
import type { QuestionLine } from '../../results/index.js';
import { scoringGroups } from '../../results/weights.js';
import { cellKey, lotCells, lotColumns, type BidEntry, type WorkbookContext } from '../workbook-context.js';
import { absolute, columnLetters, formula, type Cell, type ColumnSpec, type WorkbookFile } from '../workbook-file.js';
import { BIDS, type BidCells } from './bids.js';
import { METHOD, type MethodCells } from './method.js';
import { MODERATION } from './moderation.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  bid: { header: 'Bid', width: 7 },
  supplier: { header: 'Supplier', width: 26 },
  section: { header: 'Section', width: 9 },
  question: { header: 'Question', width: 9 },
  type: { header: 'Type', width: 9 },
  effectiveWeight: { header: 'Effective weight %', width: 10, kind: 'number' },
  professional: { header: 'Professional group mark', width: 12, kind: 'score' },
  youngPartner: { header: 'Young partner group mark', width: 12, kind: 'score' },
  price: { header: 'Price (£)', width: 15, kind: 'money' },
  mark: { header: 'Mark (blended, or price mark)', width: 11, kind: 'score' },
  weighted: { header: 'Weighted score', width: 11, kind: 'score' },
  professionalPoints: { header: 'Professional points', width: 12, kind: 'score' },
  youngPartnerPoints: { header: 'Young partner points', width: 12, kind: 'score' },
  pricePoints: { header: 'Price points', width: 11, kind: 'score' },
  threshold: { header: 'Minimum mark', width: 9, kind: 'number' },
  belowMinimum: { header: 'Below minimum', width: 9 },
  status: { header: 'Status', width: 12 },
  missing: { header: 'What is missing', width: 36, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

export const CALCULATION = columnLetters(COLUMNS);
const C = CALCULATION;

/**
 * Floating-point noise allowed when comparing: a mark exactly at its minimum must not fall under it, and
 * equal totals must stay equal. Written out in full: not every formula engine reads 1E-9.
 */
export const TOLERANCE = '0.000000001';

/** Each bid's lines are one block of rows, which the Results sheet adds up. */
export type BidBlocks = Map<string, { first: number; last: number }>;

interface Refs {
  method: MethodCells;
  bids: BidCells;
  moderationRow: Map<string, number>;
}

/**
 * Per bid x question: the group marks (from Moderation), the blended mark, the weighted score and each
 * group's points as live formulas over the Method, Moderation and Bids sheets, each with the system's
 * exact result cached. Lines that cannot be scored (a missing mark, a pass/fail question, an excluded
 * bid) hold plain values and say why.
 */
export async function writeCalculation(book: WorkbookFile, ctx: WorkbookContext, refs: Refs): Promise<BidBlocks> {
  const sheet = book.sheet({
    name: SHEET.calculation,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [
      { cells: [`Calculation: every weighted score by formula${ctx.results.provisional ? ' (PROVISIONAL: not for award)' : ''}`], kind: ctx.results.provisional ? 'banner' : 'title' },
      { cells: ['Blended mark = sum of (group weight % / 100 x group mark). Weighted score = mark / scale maximum x effective weight. Price mark = lowest compliant price / price x scale maximum.'], kind: 'note' },
    ],
  });
  const blocks: BidBlocks = new Map();
  for (const entry of ctx.bids) {
    const first = sheet.nextRow;
    for (const question of ctx.questions) {
      const line = entry.result.lines.find((l) => l.criterionId === question.id)!;
      sheet.add([...lineCells(sheet.nextRow, entry, question, line, refs), ...lotCells(ctx, entry.bid.lotKey)]);
    }
    blocks.set(entry.bid.id, { first, last: sheet.nextRow - 1 });
    await sheet.drain();
  }
  await sheet.finish();
  return blocks;
}

function lineCells(row: number, entry: BidEntry, question: QuestionNode, line: QuestionLine, refs: Refs): Cell[] {
  const { bid, ref } = entry;
  const q = refs.method.questionRow.get(question.id)!;
  const scale = refs.method.scaleMax;
  const methodCell = (column: string) => absolute(SHEET.method, column, q);
  const scored = line.status === 'scored';
  const cells: Record<keyof typeof COLUMNS, Cell> = {
    bid: ref, supplier: bid.supplierName, section: line.sectionKey, question: question.key, type: question.type,
    effectiveWeight: formula(methodCell(METHOD.effectiveWeight), Number(line.effectiveWeight)),
    professional: null, youngPartner: null, price: null, mark: null,
    weighted: 0, professionalPoints: 0, youngPartnerPoints: 0, pricePoints: 0,
    threshold: question.threshold === null ? null : formula(methodCell(METHOD.threshold), question.threshold),
    belowMinimum: null,
    status: line.status, missing: line.missing.join('; ') || null,
  };
  const groupMark = (group: PanelGroup) => {
    const moderationRow = refs.moderationRow.get(cellKey(bid.id, question.id, group));
    const mark = line.groupMarks[group];
    return moderationRow === undefined || mark === undefined ? null : formula(absolute(SHEET.moderation, MODERATION.used, moderationRow), Number(mark));
  };

  if (question.type === 'quality' && line.status !== 'notEvaluated') {
    cells.professional = question.scoredBy.includes('professional') ? groupMark('professional') : null;
    cells.youngPartner = question.scoredBy.includes('youngPartner') ? groupMark('youngPartner') : null;
  }
  if (question.type === 'quality' && scored) {
    const part = (group: PanelGroup) => `${methodCell(group === 'professional' ? METHOD.professional : METHOD.youngPartner)}/100*${C[group]}${row}`;
    const groups = scoringGroups(question);
    cells.mark = formula(groups.map(part).join('+'), Number(line.mark));
    cells.weighted = formula(`${C.mark}${row}/${scale}*${C.effectiveWeight}${row}`, Number(line.weightedScore));
    for (const group of groups) {
      const points = group === 'professional' ? 'professionalPoints' : 'youngPartnerPoints';
      cells[points] = formula(`${part(group)}/${scale}*${C.effectiveWeight}${row}`, Number(line.contributions[group]));
    }
  }
  if (question.type === 'price' && line.status !== 'notEvaluated' && bid.price !== null) {
    cells.price = formula(absolute(SHEET.bids, BIDS.price, refs.bids.bidRow.get(bid.id)!), Number(bid.price));
  }
  // The price formula's numerator is the lowest compliant price of the bid's own lot.
  const lowestPrice = refs.bids.lowestPrice.get(bid.lotKey);
  if (question.type === 'price' && scored && lowestPrice) {
    cells.mark = formula(`${lowestPrice}/${C.price}${row}*${scale}`, Number(line.mark));
    cells.weighted = formula(`${lowestPrice}/${C.price}${row}*${C.effectiveWeight}${row}`, Number(line.weightedScore));
    cells.pricePoints = formula(`${C.weighted}${row}`, Number(line.contributions.price));
  }
  if (question.threshold !== null && scored) {
    const below = entry.result.thresholdFailures.some((f) => f.criterionId === question.id);
    cells.belowMinimum = formula(`IF(${C.mark}${row}<${C.threshold}${row}-${TOLERANCE},"yes","no")`, below ? 'yes' : 'no');
  }
  return (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((column) => cells[column]);
}
