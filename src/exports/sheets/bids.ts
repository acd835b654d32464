import { lotLabel } from '../../round-core/lots.js';
import { instant, lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import { absolute, columnLetters, formula, type ColumnSpec, type PreambleRow, type WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  bid: { header: 'Bid', width: 7 },
  supplier: { header: 'Supplier', width: 30 },
  price: { header: 'Price (£)', width: 16, kind: 'money' },
  received: { header: 'Received (UTC)', width: 25 },
  compliance: { header: 'Compliance', width: 12 },
  complianceReason: { header: 'Compliance reason', width: 40, kind: 'wrap' },
  decided: { header: 'Compliance decided (UTC)', width: 25 },
  compliantPrice: { header: 'Price if compliant (for the lowest compliant price)', width: 16, kind: 'money' },
} satisfies Record<string, ColumnSpec>;

export const BIDS = columnLetters(COLUMNS);

export interface BidCells {
  /** Per lot (NO_LOT for a round without lots), `Bids!$C$2`: the numerator of the price formula; null when no compliant bid of the lot has a price. */
  lowestPrice: Map<string, string | null>;
  bidRow: Map<string, number>;
}

/** The first lot's lowest compliant price is on row 2, the next lot's on row 3, and so on. */
const LOWEST_PRICE_ROW = 2;

/**
 * Bids with their prices and compliance, and each lot's lowest compliant price by formula over that
 * lot's rows (a round with lots lists its bids lot by lot, so each lot's rows are one block).
 */
export async function writeBids(book: WorkbookFile, ctx: WorkbookContext): Promise<BidCells> {
  const { bids, lots } = ctx;
  const firstRow = LOWEST_PRICE_ROW + lots.length + 1;
  const rowOf = (index: number) => firstRow + index;
  const lowestRows: PreambleRow[] = lots.map((lot) => {
    const indexes = bids.flatMap((entry, i) => (entry.bid.lotKey === lot.part.key ? [i] : []));
    const lowest = lot.results.lowestCompliantPrice;
    const label = lot.part.lot ? `Lowest compliant price (£) in lot ${lotLabel(lot.part.lot)}: the numerator of its price formula` : 'Lowest compliant price (£): the numerator of the price formula';
    const range = indexes.length === 0 ? null : `${BIDS.compliantPrice}${rowOf(indexes[0])}:${BIDS.compliantPrice}${rowOf(indexes[indexes.length - 1])}`;
    return { cells: [label, null, lowest === null || range === null ? 'no compliant bid has a price' : formula(`MIN(${range})`, Number(lowest))] };
  });
  const sheet = book.sheet({
    name: SHEET.bids,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [{ cells: ['Bids'], kind: 'title' }, ...lowestRows],
  });
  if (sheet.nextRow !== firstRow) throw new Error(`The Bids table must start on row ${firstRow}`);
  const bidRow = new Map<string, number>();
  for (const { bid, ref } of bids) {
    const row = sheet.nextRow;
    sheet.add([
      ref, bid.supplierName, bid.price === null ? null : Number(bid.price), instant(bid.receivedAt), bid.compliance, bid.complianceReason, instant(bid.complianceDecidedAt),
      formula(`IF(AND(${BIDS.compliance}${row}="compliant",${BIDS.price}${row}<>""),${BIDS.price}${row},"")`, bid.compliance === 'compliant' && bid.price !== null ? Number(bid.price) : ''),
      ...lotCells(ctx, bid.lotKey),
    ]);
    bidRow.set(bid.id, row);
  }
  await sheet.finish();
  return {
    lowestPrice: new Map(lots.map((lot, i) => [lot.part.key, lot.results.lowestCompliantPrice === null ? null : absolute(SHEET.bids, 'C', LOWEST_PRICE_ROW + i)])),
    bidRow,
  };
}
