import { instant, type WorkbookContext } from '../workbook-context.js';
import { absolute, columnLetters, formula, type ColumnSpec, type WorkbookFile } from '../workbook-file.js';
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
  /** `Bids!$C$2`: the numerator of the price formula; null when no compliant bid has a price. */
  lowestPrice: string | null;
  bidRow: Map<string, number>;
}

const LOWEST_PRICE_ROW = 2;

/** Bids with their prices and compliance, and the lowest compliant price by formula. */
export async function writeBids(book: WorkbookFile, { bids, results }: WorkbookContext): Promise<BidCells> {
  const firstRow = 4;
  const lastRow = firstRow + bids.length - 1;
  const lowest = results.results.lowestCompliantPrice;
  const sheet = book.sheet({
    name: SHEET.bids,
    columns: Object.values(COLUMNS),
    preamble: [
      { cells: ['Bids'], kind: 'title' },
      {
        cells: [
          'Lowest compliant price (£): the numerator of the price formula', null,
          lowest === null ? 'no compliant bid has a price' : formula(`MIN(${BIDS.compliantPrice}${firstRow}:${BIDS.compliantPrice}${lastRow})`, Number(lowest)),
        ],
      },
    ],
  });
  if (sheet.nextRow !== firstRow) throw new Error('The Bids table must start on row 4');
  const bidRow = new Map<string, number>();
  for (const { bid, ref } of bids) {
    const row = sheet.nextRow;
    sheet.add([
      ref, bid.supplierName, bid.price === null ? null : Number(bid.price), instant(bid.receivedAt), bid.compliance, bid.complianceReason, instant(bid.complianceDecidedAt),
      formula(`IF(AND(${BIDS.compliance}${row}="compliant",${BIDS.price}${row}<>""),${BIDS.price}${row},"")`, bid.compliance === 'compliant' && bid.price !== null ? Number(bid.price) : ''),
    ]);
    bidRow.set(bid.id, row);
  }
  await sheet.finish();
  return { lowestPrice: lowest === null ? null : absolute(SHEET.bids, 'C', LOWEST_PRICE_ROW), bidRow };
}
