import { notAwarded } from '../../round-core/lots.js';
import { instant, lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import type { ColumnSpec, WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  ref: { header: 'Bid', width: 8 },
  supplier: { header: 'Supplier', width: 34 },
  sentOn: { header: 'Date sent', width: 12 },
  sha256: { header: 'SHA-256 of the PDF sent', width: 68 },
  by: { header: 'Recorded by', width: 28 },
  at: { header: 'Recorded at (UTC)', width: 25 },
} satisfies Record<string, ColumnSpec>;

/** PA23 s.50: each assessed (compliant) bidder's assessment summary, when it was sent and the hash of the document. */
export async function writeSummaries(book: WorkbookFile, ctx: WorkbookContext): Promise<void> {
  const { bids, summariesSent, actors, round } = ctx;
  const sheet = book.sheet({
    name: SHEET.summaries,
    columns: [...Object.values(COLUMNS), ...lotColumns(ctx)],
    preamble: [
      { cells: ['Assessment summaries sent to the bidders before the award notice'], kind: 'title' },
      { cells: ['The SHA-256 is of the PDF file sent; the software produces the same file again from the round page, so it can be checked.'], kind: 'note' },
    ],
  });
  for (const { bid, ref } of bids.filter((b) => b.bid.compliance === 'compliant')) {
    const sent = summariesSent.get(bid.id);
    const lot = lotCells(ctx, bid.lotKey);
    // A lot decided as no award has no award notice, so its bidders get no summary.
    const unsent = notAwarded(round, bid.lotKey) ? 'none: the lot is not awarded' : 'not sent';
    sheet.add(sent ? [ref, bid.supplierName, sent.sentOn, sent.sha256, actors.name(sent.recordedById), instant(sent.recordedAt), ...lot] : [ref, bid.supplierName, unsent, ...(lot.length > 0 ? [null, null, null, ...lot] : [])]);
  }
  await sheet.finish();
}
