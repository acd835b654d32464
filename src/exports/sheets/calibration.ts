import type { LoadedConsistency } from '../../insight/insight.service.js';
import { GROUP_LABELS } from '../../domain/panel-group.js';
import { columnLetters, type ColumnSpec, type WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  group: { header: 'Group', width: 14 },
  subject: { header: 'Question, or panel code', width: 14 },
  count: { header: 'Bids with 2+ marks, or marks', width: 12, kind: 'number' },
  first: { header: "Ordinal alpha, or leniency", width: 12, kind: 'score' },
  second: { header: 'Interval alpha, or spread', width: 12, kind: 'score' },
  drift: { header: 'Drift', width: 9, kind: 'score' },
  meaning: { header: 'Meaning, or flags', width: 90, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

export const CALIBRATION = columnLetters(COLUMNS);

/**
 * How consistently the panel applied the scale (src/insight/panel-consistency.ts): Krippendorff's alpha
 * per group and question, then each panellist by panel code. Values computed by the system: a
 * spreadsheet has no alpha function, and each figure's rule is written out below the tables.
 */
export async function writeCalibration(book: WorkbookFile, consistency: LoadedConsistency | number): Promise<void> {
  if (typeof consistency === 'number') {
    const note = `Not computed in the workbook for a round of ${consistency} individual marks (it reads them all at once); see the moderation page or GET /api/rounds/:id/consistency.`;
    const sheet = book.sheet({ name: SHEET.calibration, columns: Object.values(COLUMNS), preamble: [{ cells: ['Calibration: how consistently the panel applied the scale'], kind: 'title' }, { cells: [note], kind: 'note' }] });
    await sheet.finish();
    return;
  }
  const sheet = book.sheet({
    name: SHEET.calibration,
    columns: Object.values(COLUMNS),
    preamble: [
      { cells: ['Calibration: how consistently the panel applied the scale'], kind: 'title' },
      { cells: [`Values computed by the system from the marks that count (see Scores); the rules are below the tables. ${consistency.basis}`], kind: 'note' },
    ],
  });
  for (const a of consistency.agreement) {
    sheet.add([GROUP_LABELS[a.group], a.key ?? 'all questions', a.units, a.ordinal, a.interval, null, a.meaning]);
  }
  sheet.addLine([]);
  sheet.addLine(['Group', 'Panel code', 'Marks', 'Leniency (marks)', 'Spread (marks)', 'Drift (marks)', 'Flags'], 'label');
  for (const p of consistency.panellists) {
    sheet.addLine([GROUP_LABELS[p.group], p.panelCode, p.marks, p.leniency, p.spread, p.drift, p.flags.join('; ') || 'none']);
  }
  sheet.addLine([]);
  for (const rule of consistency.rules) sheet.addLine([rule], 'note');
  await sheet.finish();
}
