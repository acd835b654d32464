import { clarificationRef, statusOf } from '../../clarifications/clarification.entity.js';
import { instant, type WorkbookContext } from '../workbook-context.js';
import type { ColumnSpec, WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  ref: { header: 'Clarification', width: 13 },
  question: { header: 'Question key', width: 12 },
  asked: { header: 'Question as received', width: 60, kind: 'wrap' },
  received: { header: 'Received (UTC)', width: 25 },
  answer: { header: 'Answer', width: 60, kind: 'wrap' },
  changes: { header: 'Changes the tender documents', width: 14 },
  published: { header: 'Published to all bidders (UTC)', width: 25 },
  status: { header: 'Status', width: 12 },
  supersedes: { header: 'Supersedes', width: 11 },
  supersededBy: { header: 'Superseded by', width: 13 },
  reason: { header: 'Why it superseded the earlier answer', width: 40, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

/** The clarification log as bidders were told it: every question and answer, published or not, never who asked. */
export async function writeClarifications(book: WorkbookFile, { clarifications }: WorkbookContext): Promise<void> {
  const refOf = new Map(clarifications.map((c) => [c.id, clarificationRef(c.number)]));
  const sheet = book.sheet({
    name: SHEET.clarifications,
    columns: Object.values(COLUMNS),
    preamble: [
      { cells: ['Clarifications: bidders\' questions during tendering and the answers shared with every bidder'], kind: 'title' },
      { cells: [clarifications.length ? 'A published answer is never edited: a correction is a new clarification that supersedes it. Who asked is not exported.' : 'No clarification questions were recorded.'], kind: 'note' },
    ],
  });
  for (const c of clarifications) {
    sheet.add([
      clarificationRef(c.number), c.questionKey ?? 'whole tender', c.question, instant(c.receivedAt), c.answer, c.changesTenderDocuments ? 'yes' : 'no',
      instant(c.publishedAt), statusOf(c), c.supersedesId ? refOf.get(c.supersedesId) ?? null : null, c.supersededById ? refOf.get(c.supersededById) ?? null : null, c.supersedeReason,
    ]);
  }
  await sheet.finish();
}
