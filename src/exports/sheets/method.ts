import { GROUP_LABELS } from '../../domain/panel-group.js';
import { Exact } from '../../results/exact.js';
import { effectiveWeight } from '../../results/index.js';
import type { WorkbookContext } from '../workbook-context.js';
import { absolute, columnLetters, formula, type ColumnSpec, type WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  key: { header: 'Key', width: 8 },
  section: { header: 'Section', width: 9 },
  title: { header: 'Title', width: 32, kind: 'wrap' },
  type: { header: 'Type', width: 10 },
  weight: { header: 'Weight % (of its section; sections: of the total)', width: 14, kind: 'number' },
  effectiveWeight: { header: 'Effective weight % (points out of 100)', width: 14, kind: 'number' },
  threshold: { header: 'Minimum mark (below it disqualifies)', width: 12, kind: 'number' },
  scoredBy: { header: 'Scored by', width: 26 },
  professional: { header: 'Professional group weight %', width: 13, kind: 'number' },
  youngPartner: { header: 'Young partner group weight %', width: 13, kind: 'number' },
  text: { header: 'Question as published', width: 50, kind: 'wrap' },
  plainLanguage: { header: 'Question in plain words (young partners)', width: 40, kind: 'wrap' },
  guidance: { header: 'Guidance for panellists', width: 40, kind: 'wrap' },
  statements: { header: 'i-Statements it answers (what young people said; shared with consent only)', width: 60, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

export const METHOD = columnLetters(COLUMNS);

/** Where other sheets find the method: the scale maximum and each question's row. */
export interface MethodCells {
  /** `Method!$B$3`: the top of the scale. */
  scaleMax: string;
  questionRow: Map<string, number>;
}

/** The scale line is the third line of the preamble. */
const SCALE_ROW = 3;

/** The published method: criteria with weights and effective weights, scale and descriptors, tie-break. */
export async function writeMethod(book: WorkbookFile, { round, tree, citations }: WorkbookContext): Promise<MethodCells> {
  const sheet = book.sheet({
    name: SHEET.method,
    columns: Object.values(COLUMNS),
    preamble: [
      { cells: ['Method: the published evaluation method'], kind: 'title' },
      { cells: ["Weights are percentages. A question's effective weight = its section's weight x its weight in the section / 100: the points it can earn out of 100."], kind: 'note' },
      { cells: ['Scale: marks run from 0 to', round.scale.max] },
      { cells: ['Tie-break rule', round.tieBreak.rule, round.tieBreak.description] },
    ],
  });
  const questionRow = new Map<string, number>();
  for (const section of tree) {
    const sectionRow = sheet.add([section.key, section.key, section.title, 'section', Number(section.weight), Number(section.weight)]);
    for (const q of section.questions) {
      const row = sheet.nextRow;
      const exact = effectiveWeight(new Exact(section.weight), new Exact(q.weight));
      sheet.add([
        q.key, section.key, q.title, q.type, Number(q.weight),
        formula(`${METHOD.weight}${sectionRow}*${METHOD.weight}${row}/100`, exact.toNumber()),
        q.threshold,
        q.scoredBy.map((g) => GROUP_LABELS[g]).join(', '),
        groupWeight(q.groupWeights.professional),
        groupWeight(q.groupWeights.youngPartner),
        q.text, q.plainLanguage, q.guidance,
        (citations.get(q.key) ?? []).map((s) => `${s.id}: "${s.text}" (${s.groupCode})`).join('\n') || null,
      ]);
      questionRow.set(q.id, row);
    }
  }
  sheet.addLine([]);
  sheet.addLine(['Mark', 'Label', 'Descriptor', 'In plain words'], 'header');
  for (const d of round.scale.descriptors) sheet.addLine([d.mark, d.label, d.description, d.plainLanguage], 'wrap');
  await sheet.finish();
  return { scaleMax: absolute(SHEET.method, 'B', SCALE_ROW), questionRow };
}

const groupWeight = (weight: string | undefined) => (weight === undefined ? null : Number(weight));
