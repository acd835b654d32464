import { toDisplay } from '../results/exact.js';
import { GROUP_NAMES, type ResultsInput } from '../results/model.js';
import { SENSITIVITY_LIMIT, type Sensitivity, type WeightSegment, type WeightSensitivity } from '../results/sensitivity.js';

/** The award's sensitivity in sentences a commissioner can read out, for the page, the workbook and the API. */
export interface SensitivityWords {
  winner: string;
  /** Per quality question; `changes` is false when no single mark change would change the winner. */
  marks: { key: string; changes: boolean; sentence: string }[];
  groupWeight: { key: string | null; sentence: string }[];
  priceWeight: string | null;
  thresholds: string[];
}

const percent = (value: string) => `${toDisplay(value)} %`;
const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

export function describeSensitivity(report: Sensitivity, bids: { id: string; supplierName: string }[], input: ResultsInput): SensitivityWords {
  const name = (id: string) => bids.find((b) => b.id === id)?.supplierName ?? 'an unknown bid';
  const names = (ids: string[]) => (ids.length === 0 ? 'no bid' : list(ids.map(name)));
  const winners = names(report.winnerIds);
  const questionTitle = new Map(input.sections.flatMap((s) => s.questions).map((q) => [q.key, `${q.key} ${q.title}`]));

  const tooLarge = report.computed ? '' : ` The other figures are worked out for rounds of up to ${SENSITIVITY_LIMIT} bid and question lines; this round has more.`;
  const winner = (report.winnerIds.length === 0
    ? 'No bid is eligible, so there is no winner to test.'
    : report.winnerIds.length > 1
      ? `${winners} share first place: the published tie-break cannot separate them.`
      : report.runnerUpId === null
        ? `${winners} is the only eligible bid.`
        : `${winners} is first by ${toDisplay(report.margin!)} points out of 100 over ${name(report.runnerUpId)}.`) + tooLarge;

  const marks = report.marks.map(({ key, flip }) => ({
    key, changes: flip !== null,
    sentence: flip === null
      ? `${questionTitle.get(key)}: no single mark change would change the winner.`
      : `${questionTitle.get(key)}: ${Math.abs(flip.change)} ${Math.abs(flip.change) === 1 ? 'mark' : 'marks'} ${flip.change < 0 ? 'lower' : 'higher'} for ${flip.supplierName} from the ${GROUP_NAMES[flip.group]}s (${toDisplay(flip.from)} to ${toDisplay(flip.to)}) would make ${flip.winnerIds.length === 0 ? 'no bid eligible' : flip.winnerIds.length > 1 ? `${names(flip.winnerIds)} share first place` : `${names(flip.winnerIds)} first`}.`,
  }));

  const range = (w: WeightSensitivity, what: string) => {
    if (report.winnerIds.length === 0) return `${what}: no bid is eligible at the published weights.`;
    const spans = w.sameWinner.map(span).join(', and ');
    const published = w.published === null ? '' : ` (published: ${percent(w.published)})`;
    const others = w.segments.filter((s) => !w.sameWinner.includes(s) && s.winnerIds.length > 0);
    const otherwise = others.length === 0 ? '' : ` Outside that, ${list(others.map((s) => `${names(s.winnerIds)} ${s.winnerIds.length > 1 ? 'share first place' : 'would be first'} ${span(s)}`))}.`;
    return `${what}${published}: ${winners} ${report.winnerIds.length > 1 ? 'share first place' : 'stays first'} ${spans || 'at no weight'}.${otherwise}`;
  };
  const groupWeight = [
    ...(report.roundGroupWeight ? [{ key: null, sentence: range(report.roundGroupWeight, 'The young partners’ weight on every question both groups score') }] : []),
    ...report.groupWeight.map((w) => ({ key: w.key, sentence: range(w, `The young partners’ weight on ${questionTitle.get(w.key!)}`) })),
  ];

  const thresholds = [
    ...report.oneMarkFromDisqualification.map((r) => `${r.supplierName} would be disqualified if the ${GROUP_NAMES[r.group]}s’ mark on ${questionTitle.get(r.key)} were one lower (${toDisplay(r.from)} to ${toDisplay(r.to)}).`),
    ...report.oneMarkFromQualifying.map((r) => `${r.supplierName} would no longer be disqualified if the ${GROUP_NAMES[r.group]}s’ mark on ${questionTitle.get(r.key)} were one higher (${toDisplay(r.from)} to ${toDisplay(r.to)}).`),
  ];
  return { winner, marks, groupWeight, priceWeight: report.priceWeight && range(report.priceWeight, 'The price weight'), thresholds };
}

/** "from 0 % to 53.72 %", saying when an end is excluded. */
export function span(s: WeightSegment): string {
  if (s.from === s.to) return `at exactly ${percent(s.from)}`;
  return `from ${percent(s.from)}${s.fromIncluded ? '' : ' (not including it)'} to ${percent(s.to)}${s.toIncluded ? '' : ' (not including it)'}`;
}
