import { GROUP_LABELS } from '../../domain/panel-group.js';
import { exactString, quotient } from '../../results/exact.js';
import { scoringGroups } from '../../results/weights.js';
import { cellKey, instant, lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import { columnLetters, formula, type ColumnSpec, type WorkbookFile } from '../workbook-file.js';
import { SCORES, type ScoreBlocks } from './scores.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  bid: { header: 'Bid', width: 7 },
  supplier: { header: 'Supplier', width: 26 },
  question: { header: 'Question', width: 9 },
  group: { header: 'Group', width: 14 },
  marks: { header: 'Individual marks that count (panel code, mark)', width: 34, kind: 'wrap' },
  count: { header: 'Count', width: 7, kind: 'number' },
  mean: { header: 'Mean', width: 8, kind: 'score' },
  lowest: { header: 'Lowest', width: 8, kind: 'number' },
  highest: { header: 'Highest', width: 8, kind: 'number' },
  spread: { header: 'Spread', width: 8, kind: 'number' },
  agreed: { header: 'Agreed mark (consensus)', width: 10, kind: 'number' },
  used: { header: 'Group mark used (agreed, else mean)', width: 11, kind: 'score' },
  source: { header: 'Source', width: 11 },
  reason: { header: 'How the group agreed', width: 50, kind: 'wrap' },
  recordedBy: { header: 'Recorded by', width: 26 },
  recordedAt: { header: 'Recorded (UTC)', width: 25 },
  version: { header: 'Consensus version', width: 10, kind: 'number' },
  review: { header: 'Review needed (a declared interest since)', width: 40, kind: 'wrap' },
  recused: { header: 'Recused marks (on record, never counted)', width: 40, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

export const MODERATION = columnLetters(COLUMNS);

/**
 * Per compliant bid x quality question x scoring group: the individual marks (formulas over their block
 * on the Scores sheet), the agreed mark with its reason, who recorded it and when, and the group mark
 * the calculation uses. Returns each cell's row for the Calculation sheet.
 */
export async function writeModeration(book: WorkbookFile, ctx: WorkbookContext, { blocks, recused }: ScoreBlocks): Promise<Map<string, number>> {
  const sheet = book.sheet({
    name: SHEET.moderation,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [
      { cells: ['Moderation: individual marks and the agreed mark, per bid, question and group'], kind: 'title' },
      { cells: ['Count, mean, lowest and highest are formulas over the marks that count on the Scores sheet. The group mark used is the agreed mark where one is recorded, otherwise (provisionally) the mean.'], kind: 'note' },
    ],
  });
  const qualityQuestions = ctx.questions.filter((q) => q.type === 'quality');
  const rowOf = new Map<string, number>();
  for (const { bid, ref, result } of ctx.bids) {
    if (bid.compliance !== 'compliant') continue;
    for (const question of qualityQuestions) {
      const line = result.lines.find((l) => l.criterionId === question.id);
      for (const group of scoringGroups(question)) {
        const key = cellKey(bid.id, question.id, group);
        const block = blocks.get(key);
        const agreed = ctx.consensus.get(key);
        const used = line?.groupMarks[group];
        const row = sheet.nextRow;
        const range = block && `${SHEET.scores}!${SCORES.mark}${block.first}:${SCORES.mark}${block.last}`;
        sheet.add([
          ref, bid.supplierName, question.key, GROUP_LABELS[group], block?.marks ?? 'none',
          range ? formula(`COUNT(${range})`, block!.count) : 0,
          range && formula(`AVERAGE(${range})`, Number(exactString(quotient(block!.sum, block!.count)))),
          range && formula(`MIN(${range})`, block!.low),
          range && formula(`MAX(${range})`, block!.high),
          range && formula(`${MODERATION.highest}${row}-${MODERATION.lowest}${row}`, block!.high - block!.low),
          agreed?.mark,
          used === undefined ? null : formula(`IF(${MODERATION.agreed}${row}<>"",${MODERATION.agreed}${row},${MODERATION.mean}${row})`, Number(used)),
          used === undefined ? 'none yet' : ctx.results.sources.get(key) === 'consensus' ? 'agreed' : 'mean',
          agreed?.reason, agreed && ctx.actors.name(agreed.recordedById), instant(agreed?.recordedAt), agreed?.version,
          agreed?.reviewNeeded, recused.get(key), ...lotCells(ctx, bid.lotKey),
        ]);
        rowOf.set(key, row);
      }
    }
    await sheet.drain();
  }
  await sheet.finish();
  return rowOf;
}
