import { instant, type WorkbookContext } from '../workbook-context.js';
import type { ColumnSpec, WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  at: { header: 'When (UTC)', width: 25 },
  event: { header: 'Event', width: 26 },
  from: { header: 'From', width: 14 },
  to: { header: 'To', width: 14 },
  by: { header: 'By', width: 28 },
  reason: { header: 'Reason', width: 60, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

/** Every move of the round's workflow. */
export async function writeHistory(book: WorkbookFile, { transitions, actors }: WorkbookContext): Promise<void> {
  const sheet = book.sheet({
    name: SHEET.history,
    columns: Object.values(COLUMNS),
    preamble: [{ cells: ["History: the round's state changes"], kind: 'title' }, { cells: ['"scheduler" is the app moving the round when a deadline passed.'], kind: 'note' }],
  });
  for (const t of transitions) sheet.add([instant(t.occurredAt), t.event, t.fromState, t.toState, actors.name(t.actorId), t.reason]);
  await sheet.finish();
}
