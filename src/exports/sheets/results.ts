import { resultsBasis } from '../../award/results.service.js';
import type { BidResult, TieBreakRule } from '../../results/index.js';
import { decisionFor, lotLabel } from '../../round-core/lots.js';
import { lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import { absolute, columnLetters, formula, type Cell, type ColumnSpec, type Formula, type WorkbookFile } from '../workbook-file.js';
import { BIDS, type BidCells } from './bids.js';
import { CALCULATION, TOLERANCE, type BidBlocks } from './calculation.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  rank: { header: 'Rank', width: 6, kind: 'number' },
  bid: { header: 'Bid', width: 7 },
  supplier: { header: 'Supplier', width: 28 },
  status: { header: 'Status', width: 12 },
  eligible: { header: 'Eligible', width: 8 },
  total: { header: 'Total (out of 100)', width: 10, kind: 'score' },
  professional: { header: 'Professional points', width: 12, kind: 'score' },
  youngPartner: { header: 'Young partner points', width: 12, kind: 'score' },
  price: { header: 'Price points', width: 10, kind: 'score' },
  quality: { header: 'Quality score', width: 10, kind: 'score' },
  tieBreak: { header: 'Tie-break value (higher wins)', width: 12, kind: 'number' },
  belowMinimum: { header: 'Questions below their minimum', width: 10, kind: 'number' },
  failures: { header: 'Threshold failures', width: 40, kind: 'wrap' },
  complete: { header: 'All marks in', width: 8 },
  sharesRank: { header: 'Shares its rank', width: 8 },
  tieNote: { header: 'Tie and tie-break', width: 50, kind: 'wrap' },
  preferred: { header: 'Preferred bidder', width: 9 },
} satisfies Record<string, ColumnSpec>;

const R = columnLetters(COLUMNS);
const NO_PRICE = '-1000000000000000';
const C = CALCULATION;

/**
 * Per bid: totals and each group's points (sums over its Calculation block), thresholds, eligibility and
 * the rank, all by formula. Rank is competition ranking (1, 1, 3) among eligible bids: 1 + the eligible
 * bids with a higher total, or the same total and a better tie-break value. Totals that differ by less
 * than 0.000000001 count as equal, so floating-point noise cannot split a tie the exact calculation found.
 */
export async function writeResults(book: WorkbookFile, ctx: WorkbookContext, refs: { bids: BidCells; blocks: BidBlocks }): Promise<void> {
  const { round, results } = ctx;
  const byId = new Map(ctx.bids.map((b) => [b.bid.id, b]));
  const decisionLine = (lotKey: string) => {
    const decision = decisionFor(round, lotKey);
    const preferred = decision?.bidId ? byId.get(decision.bidId) : undefined;
    if (preferred) return `${preferred.ref} ${preferred.bid.supplierName}${decision!.topRanked ? ' (ranked first)' : `: departs from the ranking because ${decision!.departureReason}`}, recorded ${decision!.recordedAt}`;
    return decision ? `no award: ${decision.noAwardReason}, recorded ${decision.recordedAt}` : 'not decided yet';
  };
  const sheet = book.sheet({
    name: SHEET.results,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [
      { cells: [results.provisional ? 'Results: PROVISIONAL, not for award' : 'Results'], kind: results.provisional ? 'banner' : 'title' },
      { cells: [resultsBasis(results.provisional)], kind: 'note' },
      ...ctx.lots.map((lot) => ({ cells: [lot.part.lot ? `Preferred bidder, lot ${lotLabel(lot.part.lot)}` : 'Preferred bidder', decisionLine(lot.part.key)] })),
    ],
  });
  // Each lot is one block of rows, ranked within itself: the rank formulas count over that block only.
  for (const lot of ctx.lots) {
    const first = sheet.nextRow;
    const last = first + lot.results.bids.length - 1;
    const column = (letter: string) => `${letter}$${first}:${letter}$${last}`;
    const preferredId = decisionFor(round, lot.part.key)?.bidId ?? null;
    for (const result of lot.results.bids) {
      const { ref, bid } = byId.get(result.id)!;
      const row = sheet.nextRow;
      const { first: a, last: b } = refs.blocks.get(result.id)!;
      const calc = (letter: string) => `${SHEET.calculation}!${letter}${a}:${letter}${b}`;
      const bidCell = (letter: string) => absolute(SHEET.bids, letter, refs.bids.bidRow.get(result.id)!);
      const here = (letter: string) => `${letter}${row}`;
      const cells: Record<keyof typeof COLUMNS, Cell> = {
        rank: formula(
          `IF(${here(R.eligible)}="yes",1+COUNTIFS(${column(R.eligible)},"yes",${column(R.total)},">"&(${here(R.total)}+${TOLERANCE}))`
            + `+COUNTIFS(${column(R.eligible)},"yes",${column(R.total)},">="&(${here(R.total)}-${TOLERANCE}),${column(R.total)},"<="&(${here(R.total)}+${TOLERANCE}),${column(R.tieBreak)},">"&(${here(R.tieBreak)}+${TOLERANCE})),"")`,
          result.rank ?? '',
        ),
        bid: ref,
        supplier: bid.supplierName,
        status: formula(`IF(${bidCell(BIDS.compliance)}<>"compliant","excluded",IF(${here(R.belowMinimum)}>0,"disqualified","ranked"))`, result.status),
        eligible: formula(`IF(${here(R.status)}="ranked","yes","no")`, result.eligible ? 'yes' : 'no'),
        total: formula(`SUM(${calc(C.weighted)})`, Number(result.total)),
        professional: formula(`SUM(${calc(C.professionalPoints)})`, Number(result.contributions.professional)),
        youngPartner: formula(`SUM(${calc(C.youngPartnerPoints)})`, Number(result.contributions.youngPartner)),
        price: formula(`SUM(${calc(C.pricePoints)})`, Number(result.contributions.price)),
        quality: formula(`SUMIFS(${calc(C.weighted)},${calc(C.type)},"quality")`, Number(result.qualityScore)),
        tieBreak: tieBreakValue(lot.results.tieBreakRule, result, here, bidCell(BIDS.price)),
        belowMinimum: formula(`COUNTIF(${calc(C.belowMinimum)},"yes")`, result.thresholdFailures.length),
        failures: result.thresholdFailures.map((f) => f.message).join('; ') || null,
        complete: result.complete ? 'yes' : `no: ${result.incomplete.join('; ')}`,
        sharesRank: formula(`IF(${here(R.rank)}="","",IF(COUNTIF(${column(R.rank)},${here(R.rank)})>1,"yes","no"))`, result.rank === null ? '' : result.tie ? 'yes' : 'no'),
        tieNote: result.tieBreak?.explanation ?? null,
        preferred: preferredId === result.id ? 'yes' : null,
      };
      sheet.add([...(Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((key) => cells[key]), ...lotCells(ctx, lot.part.key)]);
    }
  }
  await sheet.finish();
}

/** The published tie-break as one number where higher wins; lowest price becomes minus the price. */
function tieBreakValue(rule: TieBreakRule, result: BidResult, here: (letter: string) => string, price: string): Formula {
  switch (rule) {
    case 'highestQualityScore':
      return formula(here(R.quality), Number(result.qualityScore));
    case 'highestYoungPartnerContribution':
      return formula(here(R.youngPartner), Number(result.contributions.youngPartner));
    case 'lowestPrice':
      // A bid without a price cannot win on price: it gets minus a quadrillion pounds.
      return formula(`IF(${price}="",${NO_PRICE},-${price})`, result.price === null ? Number(NO_PRICE) : -Number(result.price));
  }
}
