import { standstillCalendar } from '../../../workflows/index.js';
import type { WorkbookContext } from '../workbook-context.js';
import type { ColumnSpec, WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS: ColumnSpec[] = [
  { header: 'About this file', width: 30, kind: 'label' },
  { header: '', width: 110, kind: 'wrap' },
];

export interface ExportFacts {
  exportedBy: string;
  exportedAt: Date;
  software: string;
  /** The workbook.downloaded audit event recorded for this export. */
  event: { sequence: number; hash: string };
  dataHash: { sha256: string; lines: number };
  /** The round's latest audit event when the export finished; more than `event.sequence` means it changed meanwhile. */
  latestSequence: number;
}

const HOW_TO_CHECK = [
  'For every sheet after About, in tab order, and every row of it that holds a cell, from row 1 down, write one line: the compact JSON array [sheet name, row number, cell 1, cell 2, ...] followed by a line feed.',
  'Text is a JSON string, a number a JSON number, an empty cell null, a formula cell {"formula":"<the formula without its =>"}; empty cells at the end of a row are left out.',
  'The SHA-256 of the UTF-8 bytes of all the lines is the data hash above. From the software: npm run build, then node dist/src/exports/check-workbook-cli.js <this file>.',
  'Cached formula values are not hashed (the formulas and every cell they read are), so recalculating in a spreadsheet does not change the hash; editing any cell does.',
];

const SHEET_GUIDE: [string, string][] = [
  [SHEET.method, 'the published method: criteria, weights, effective weights, minimum marks, scale and descriptors, scoring groups and their weights, tie-break rule, and the i-Statements (what young people said) each question answers'],
  [SHEET.panel, 'the panel by panel code: declarations, submissions, withdrawals'],
  [SHEET.conflicts, 'declared interests: the member does not score that bid'],
  [SHEET.bids, 'bids, prices, compliance, and the lowest compliant price'],
  [SHEET.scores, 'every individual mark with its justification, status and time'],
  [SHEET.moderation, 'per bid, question and group: the marks, their count, mean and spread by formula, the agreed mark, reason, who and when'],
  [SHEET.calculation, 'per bid and question: blended mark, weighted score and each group\'s points by formula'],
  [SHEET.results, 'per bid: total and group points by formula, thresholds, eligibility, rank, preferred bidder'],
  [SHEET.summaries, 'each assessed bidder\'s assessment summary: the date it was sent and the SHA-256 of the PDF sent'],
  [SHEET.history, 'the workflow\'s moves: when, from, to, by whom, why'],
  [SHEET.audit, 'the round\'s audit events with their hashes, and the check of the whole chain'],
];

/** The cover sheet: what the file is, who exported it and when, the data hash and how to check it. */
export async function writeAbout(book: WorkbookFile, { round, results }: WorkbookContext, facts: ExportFacts): Promise<void> {
  const changed = facts.latestSequence > facts.event.sequence;
  const sheet = book.sheet({
    name: SHEET.about,
    hashed: false,
    filter: false,
    columns: COLUMNS,
    preamble: [
      { cells: [`Scoring workbook: ${round.title}`], kind: 'title' },
      {
        cells: [results.provisional
          ? 'PROVISIONAL RESULTS, NOT FOR AWARD: marks without a recorded consensus are the mean of the individual marks.'
          : 'Final results: from the consensus marks recorded in moderation.'],
        kind: results.provisional ? 'banner' : 'note',
      },
      ...(changed ? [{ cells: [`NOT A CONSISTENT SNAPSHOT: the round changed while this file was written (audit events up to ${facts.latestSequence}); download it again.`], kind: 'banner' as const }] : []),
    ],
  });
  const line = (label: string, value: string | number) => sheet.add([label, value]);
  line('Round', round.title);
  line('Reference', round.reference);
  line('Procurement route', round.route);
  line('State when exported', round.state);
  line('Workflow', `${round.machineId} version ${round.machineVersion}`);
  line('Standstill calendar', standstillCalendar(round.route).label);
  line('Standstill ends (UTC)', round.context.standstillEndsAt ?? (round.context.awardNoticeAt ? 'no standstill' : 'set when the award notice is issued'));
  line('Exported by', facts.exportedBy);
  line('Exported at (UTC)', facts.exportedAt.toISOString());
  line('Export recorded in the audit trail', `event ${facts.event.sequence}, hash ${facts.event.hash}`);
  line('Software', facts.software);
  line(
    'Consistent snapshot',
    changed
      ? `NO: the round changed while this file was written (audit events up to ${facts.latestSequence})`
      : `yes: no change to the round was recorded while this file was written (its latest audit event is ${facts.event.sequence}, this export)`,
  );
  line('Data hash (SHA-256)', facts.dataHash.sha256);
  line('Lines hashed', facts.dataHash.lines);
  HOW_TO_CHECK.forEach((text, i) => line(i === 0 ? 'How to check the data hash' : '', text));
  line('Formulas', 'Every calculated cell is a live formula stored with the value the system computed (exact decimal arithmetic, shown to double precision). The workbook recalculates fully when opened; sheets are protected against accidental edits (no password: Review > Unprotect Sheet).');
  SHEET_GUIDE.forEach(([name, what], i) => line(i === 0 ? 'Sheets' : '', `${name}: ${what}`));
  await sheet.finish();
}
