import { sensitivityOf } from '../../insight/insight.service.js';
import { span } from '../../insight/sensitivity-words.js';
import { GROUP_LABELS, type PanelGroup } from '../../domain/panel-group.js';
import { Exact, HUNDRED, quotient } from '../../results/exact.js';
import type { BidResult } from '../../results/index.js';
import type { WeightSensitivity } from '../../results/sensitivity.js';
import { hasLots } from '../../round-core/lots.js';
import { lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import { absolute, formula, type Cell, type ColumnSpec, type SheetWriter, type WorkbookFile } from '../workbook-file.js';
import { CALCULATION, type BidBlocks } from './calculation.js';
import { METHOD, type MethodCells } from './method.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  figure: { header: 'Figure', width: 24 },
  question: { header: 'Question', width: 9 },
  bid: { header: 'Bid', width: 30, kind: 'wrap' },
  group: { header: 'Group', width: 14 },
  from: { header: 'Mark now', width: 8, kind: 'score' },
  to: { header: 'Mark after', width: 8, kind: 'score' },
  value: { header: 'Value', width: 12, kind: 'score' },
  how: { header: 'How the value is found', width: 34, kind: 'wrap' },
  explanation: { header: 'In words', width: 80, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

const C = CALCULATION;
const VALUE_ONLY = 'value computed by the system (a search over whole-mark changes, each recalculated: no single formula)';
const CROSSING_VALUE = 'value computed by the system: the exact crossing point (a recurring decimal to 40 significant digits)';

interface Refs {
  method: MethodCells;
  blocks: BidBlocks;
}

/**
 * How robust the award is (see src/results/sensitivity.ts): the margin, per question the smallest mark
 * change that changes the winner, the weights over which the winner stays first, and bids a mark from a
 * minimum. Where a formula over the Calculation sheet can express a figure it is one (the margin, a
 * changed total, a blended mark after a change, a crossing of two bids' totals); otherwise the value,
 * labelled as such.
 */
export async function writeSensitivity(book: WorkbookFile, ctx: WorkbookContext, refs: Refs): Promise<void> {
  // Each lot is awarded on its own, so each has its own sensitivity (a round without lots: one).
  const perLot = ctx.lots.map((lot) => ({ lot, loaded: sensitivityOf(lot) }));
  const sheet = book.sheet({
    name: SHEET.sensitivity,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [
      { cells: [`Sensitivity: how robust is this result?${ctx.results.provisional ? ' (PROVISIONAL: not for award)' : ''}`], kind: ctx.results.provisional ? 'banner' : 'title' },
      { cells: [hasLots(ctx.round) ? 'Each lot is ranked and awarded on its own: its rows are named in the Lot column.' : perLot[0].loaded.words.winner], kind: 'note' },
    ],
  });
  for (const { lot, loaded } of perLot) writeLotSensitivity(sheet, ctx, refs, lot.part.key, loaded);
  await sheet.finish();
}

function writeLotSensitivity(sheet: SheetWriter, ctx: WorkbookContext, refs: Refs, lotKey: string, loaded: ReturnType<typeof sensitivityOf>): void {
  const { sensitivity: report, words } = loaded;
  const bidResult = new Map(ctx.lots.find((l) => l.part.key === lotKey)!.results.bids.map((b) => [b.id, b]));
  const name = (id: string) => bidResult.get(id)?.supplierName ?? id;
  const names = (ids: string[]) => (ids.length === 0 ? 'no eligible bid' : ids.map(name).join(' and '));
  const questionIndex = new Map(ctx.questions.map((q, i) => [q.id, i]));
  const calcRow = (bidId: string, criterionId: string) => refs.blocks.get(bidId)!.first + questionIndex.get(criterionId)!;
  const block = (bidId: string, column: string) => `${SHEET.calculation}!${column}${refs.blocks.get(bidId)!.first}:${column}${refs.blocks.get(bidId)!.last}`;
  const total = (bidId: string) => `SUM(${block(bidId, C.weighted)})`;
  const calc = (column: string, bidId: string, criterionId: string) => `${SHEET.calculation}!${column}${calcRow(bidId, criterionId)}`;
  const groupWeight = (criterionId: string, group: PanelGroup) =>
    absolute(SHEET.method, group === 'professional' ? METHOD.professional : METHOD.youngPartner, refs.method.questionRow.get(criterionId)!);
  const row = (cells: Record<keyof typeof COLUMNS, Cell>) => sheet.add([...(Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((k) => cells[k]), ...lotCells(ctx, lotKey)]);
  const blank = { question: null, bid: null, group: null, from: null, to: null };

  // The margin: the winner's total minus the runner-up's, both sums over their Calculation blocks.
  const [winner] = report.winnerIds;
  row({
    ...blank, figure: 'Winning margin (points)', bid: report.winnerIds.length === 1 && report.runnerUpId ? `${name(winner)} over ${name(report.runnerUpId)}` : names(report.winnerIds),
    value: report.margin === null ? null : formula(`${total(winner)}-${total(report.runnerUpId!)}`, Number(report.margin)),
    how: report.margin === null ? 'no runner-up' : 'formula: the two totals on the Calculation sheet', explanation: words.winner,
  });

  // Per question, the smallest change; its value is the changed bid's total after it, by formula.
  for (const [i, { criterionId, key, flip }] of report.marks.entries()) {
    row({
      figure: 'Smallest mark change', question: key, bid: flip?.supplierName ?? null, group: flip ? GROUP_LABELS[flip.group] : null,
      from: flip && Number(flip.from), to: flip && Number(flip.to),
      value: flip && formula(
        `${total(flip.bidId)}+(${flip.change})*${groupWeight(criterionId, flip.group)}/100/${refs.method.scaleMax}*${calc(C.effectiveWeight, flip.bidId, criterionId)}`,
        Number(flip.totalAfter),
      ),
      how: flip ? `formula: the changed bid's total after the change (${names(flip.winnerIds)} then ${flip.winnerIds.length > 1 ? 'share first place' : 'first'}); who wins was found by recalculating` : VALUE_ONLY,
      explanation: words.marks[i].sentence,
    });
  }

  const weightRows = (w: WeightSensitivity, figure: string, sentence: string, crossingFormula: (left: string, right: string, value: number) => Cell | null) => {
    w.segments.forEach((segment, i) => {
      const next = w.segments[i + 1];
      if (!next) return;
      const single = segment.winnerIds.length === 1 && next.winnerIds.length === 1 && segment.from !== segment.to && next.from !== next.to;
      const value = single ? crossingFormula(segment.winnerIds[0], next.winnerIds[0], Number(segment.to)) : null;
      row({
        ...blank, figure, question: w.key ?? 'all', bid: `${names(segment.winnerIds)} first ${span(segment)}; then ${names(next.winnerIds)}`,
        value: value ?? Number(segment.to), how: value ? "formula: where the two bids' totals cross" : CROSSING_VALUE, explanation: i === 0 ? sentence : null,
      });
    });
    if (w.segments.length === 1) row({ ...blank, figure, question: w.key ?? 'all', bid: `${names(w.segments[0].winnerIds)} first at every weight`, value: null, how: 'no crossing from 0 % to 100 %', explanation: sentence });
  };

  // Young-partner weight on one question x: each total is T - (its weighted score on the question) + effective weight / scale x (x YP + (100 - x) professional) / 100.
  const groupCrossing = (criterionId: string) => (a: string, b: string, value: number): Cell | null => {
    const [ra, rb] = [bidResult.get(a)!, bidResult.get(b)!];
    if (!crossesAt(ra, rb, criterionId, value, ctx.round.scale.max)) return null;
    const part = (id: string) => `(${total(id)}-${calc(C.weighted, id, criterionId)})`;
    const g = (column: string, id: string) => calc(column, id, criterionId);
    return formula(
      `-((${part(a)}-${part(b)})/(${g(C.effectiveWeight, a)}/${refs.method.scaleMax}/100)+100*(${g(C.professional, a)}-${g(C.professional, b)}))`
        + `/((${g(C.youngPartner, a)}-${g(C.professional, a)})-(${g(C.youngPartner, b)}-${g(C.professional, b)}))`,
      value,
    );
  };
  for (const [i, w] of (report.roundGroupWeight ? [report.roundGroupWeight] : []).entries()) weightRows(w, 'Young-partner weight %', words.groupWeight[i].sentence, () => null);
  for (const w of report.groupWeight) {
    weightRows(w, 'Young-partner weight %', words.groupWeight.find((s) => s.key === w.key)!.sentence, groupCrossing(w.criterionId!));
  }

  // Price weight p: quality points scale by (100 - p) / (100 - published), price points by p / published.
  if (report.priceWeight) {
    const published = (id: string) => `SUMIFS(${block(id, C.effectiveWeight)},${block(id, C.type)},"price")`;
    const price = (id: string) => `SUM(${block(id, C.pricePoints)})`;
    const p0Value = Number(report.priceWeight.published);
    weightRows(report.priceWeight, 'Price weight %', words.priceWeight!, (a, b, value) => {
      // The same sum in ordinary numbers first: a boundary that is not where these two totals cross keeps its value.
      const [ra, rb] = [bidResult.get(a)!, bidResult.get(b)!];
      const [pa, pb] = [Number(ra.contributions.price), Number(rb.contributions.price)];
      const [sa, sb] = [((Number(ra.total) - pa) - (Number(rb.total) - pb)) / (100 - p0Value), (pa - pb) / p0Value];
      if (sa === sb || Math.abs((100 * sa) / (sa - sb) - value) > 1e-6) return null;
      const p0 = published(a);
      const slopeA = `((${total(a)}-${price(a)})-(${total(b)}-${price(b)}))/(100-${p0})`;
      const slopeB = `(${price(a)}-${price(b)})/${p0}`;
      return formula(`100*${slopeA}/(${slopeA}-${slopeB})`, value);
    });
  }

  // Minimum marks: the blended mark after a one-mark change, by formula, against the minimum.
  const risks = [
    ...report.oneMarkFromDisqualification.map((r) => ({ r, figure: 'One mark from disqualification' })),
    ...report.oneMarkFromQualifying.map((r) => ({ r, figure: 'One mark from qualifying' })),
  ];
  for (const [i, { r, figure }] of risks.entries()) {
    const change = new Exact(r.to).minus(r.from).toNumber();
    row({
      figure, question: r.key, bid: r.supplierName, group: GROUP_LABELS[r.group], from: Number(r.from), to: Number(r.to),
      value: formula(`${calc(C.mark, r.bidId, r.criterionId)}+(${change})*${groupWeight(r.criterionId, r.group)}/100`, Number(r.markAfter)),
      how: `formula: the blended mark after the change; the minimum is ${calc(C.threshold, r.bidId, r.criterionId)}`, explanation: words.thresholds[i],
    });
  }
  if (risks.length === 0) row({ ...blank, figure: 'Minimum marks', value: null, how: 'none', explanation: 'No bid is one mark from being disqualified, or from being back in.' });
}

/** Whether a and b's totals meet at young-partner weight x on the question (so the crossing formula names the right pair). */
function crossesAt(a: BidResult, b: BidResult, criterionId: string, x: number, scaleMax: number): boolean {
  const at = (bid: BidResult) => {
    const line = bid.lines.find((l) => l.criterionId === criterionId)!;
    if (line.groupMarks.professional === undefined || line.groupMarks.youngPartner === undefined) return null;
    const blended = new Exact(line.groupMarks.youngPartner).times(x).plus(new Exact(line.groupMarks.professional).times(HUNDRED.minus(x))).div(HUNDRED);
    return new Exact(bid.total).minus(line.weightedScore).plus(quotient(blended.times(line.effectiveWeight), scaleMax));
  };
  const [ta, tb] = [at(a), at(b)];
  return ta !== null && tb !== null && ta.minus(tb).abs().lte('1e-9');
}
