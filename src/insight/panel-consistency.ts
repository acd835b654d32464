import { GROUP_LABELS, PANEL_GROUPS, type PanelGroup } from '../domain/panel-group.js';
import { alphaMeaning, krippendorffAlpha } from './krippendorff.js';

/**
 * How consistently a panel applied the scale: Krippendorff's alpha per group (and per question), and
 * each panellist's leniency, spread and drift against their group's agreed mark. Pure: it reads the
 * moderation cells (the marks that count, as moderationCells gives them) and nothing else.
 * These are statistics for people, not award arithmetic, so they use ordinary floating point.
 */

/** A panellist is flagged when their marks are, on average, this many marks above or below their group's. */
export const LENIENCY_FLAG = 0.5;
/** ... or when their differences from the group vary this much (standard deviation, in marks). */
export const SPREAD_FLAG = 1;
/** ... or when their later marks sit this much higher or lower, against the group, than their earlier ones. */
export const DRIFT_FLAG = 0.5;
/** Fewer marks than this say nothing about a person. */
export const MIN_MARKS = 3;
export const MIN_MARKS_FOR_DRIFT = 4;

export const CONSISTENCY_RULES = [
  `Agreement is Krippendorff's alpha on the individual marks (1 = full agreement, 0 = no better than chance): at least 0.8 consistent, 0.667 to 0.8 tentative, below 0.667 the panel did not apply the scale consistently.`,
  `Leniency is a panellist's average mark minus their group's agreed mark (the mean of the group's marks where nothing is agreed yet); flagged at ${LENIENCY_FLAG} of a mark or more either way, over at least ${MIN_MARKS} marks.`,
  `Spread is how much those differences vary (standard deviation); flagged at ${SPREAD_FLAG} mark or more.`,
  `Drift is the average difference in the later half of a panellist's marks (in the order they saved them) minus the earlier half; flagged at ${DRIFT_FLAG} of a mark or more either way, over at least ${MIN_MARKS_FOR_DRIFT} marks.`,
];

export interface ConsistencyMark {
  panelCode: string;
  mark: number;
  /** When the panellist last saved it (ISO 8601): the order for drift. */
  savedAt: string;
}

export interface ConsistencyCell {
  bidId: string;
  criterionId: string;
  key: string;
  group: PanelGroup;
  marks: readonly ConsistencyMark[];
  /** The group's agreed mark, or the mean of its marks where none is agreed yet; null without marks. */
  groupMark: number | null;
}

export interface Agreement {
  group: PanelGroup;
  /** null: every question the group scores. */
  criterionId: string | null;
  key: string | null;
  /** Bids (x questions) with at least two marks from the group. */
  units: number;
  marks: number;
  ordinal: number | null;
  interval: number | null;
  /** In words, from the ordinal alpha (marks are ordered descriptors). */
  meaning: string;
}

export interface PanellistConsistency {
  panelCode: string;
  group: PanelGroup;
  marks: number;
  /** Average of (mark - group mark); positive is more generous than the group. */
  leniency: number | null;
  /** Standard deviation of those differences. */
  spread: number | null;
  /** Average difference of the later half of their marks minus the earlier half. */
  drift: number | null;
  flags: string[];
}

export interface PanelConsistency {
  agreement: Agreement[];
  panellists: PanellistConsistency[];
  rules: string[];
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
/** Three decimals: enough for people, and free of floating-point tails such as 0.30000000000000004. */
const tidy = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000 + 0);
const collator = new Intl.Collator('en', { numeric: true });
const marks = (n: number) => `${n} ${n === 1 ? 'mark' : 'marks'}`;

export function panelConsistency(cells: readonly ConsistencyCell[]): PanelConsistency {
  const agreement: Agreement[] = [];
  for (const group of PANEL_GROUPS) {
    const own = cells.filter((c) => c.group === group);
    if (own.length === 0) continue;
    agreement.push(agree(group, null, null, own));
    const questions = [...new Map(own.map((c) => [c.criterionId, c.key])).entries()].sort((a, b) => collator.compare(a[1], b[1]));
    for (const [criterionId, key] of questions) agreement.push(agree(group, criterionId, key, own.filter((c) => c.criterionId === criterionId)));
  }
  return { agreement, panellists: panellists(cells), rules: CONSISTENCY_RULES };
}

function agree(group: PanelGroup, criterionId: string | null, key: string | null, cells: readonly ConsistencyCell[]): Agreement {
  const units = cells.map((c) => c.marks.map((m) => m.mark));
  const ordinal = tidy(krippendorffAlpha(units, 'ordinal'));
  return {
    group, criterionId, key,
    units: units.filter((u) => u.length >= 2).length,
    marks: units.reduce((s, u) => s + u.length, 0),
    ordinal, interval: tidy(krippendorffAlpha(units, 'interval')),
    meaning: alphaMeaning(ordinal),
  };
}

function panellists(cells: readonly ConsistencyCell[]): PanellistConsistency[] {
  const byCode = new Map<string, { group: PanelGroup; differences: { difference: number; savedAt: string; order: number }[] }>();
  cells.forEach((cell, order) => {
    for (const m of cell.marks) {
      const entry = byCode.get(m.panelCode) ?? { group: cell.group, differences: [] };
      if (cell.groupMark !== null) entry.differences.push({ difference: m.mark - cell.groupMark, savedAt: m.savedAt, order });
      byCode.set(m.panelCode, entry);
    }
  });
  return [...byCode.entries()]
    .sort((a, b) => PANEL_GROUPS.indexOf(a[1].group) - PANEL_GROUPS.indexOf(b[1].group) || collator.compare(a[0], b[0]))
    .map(([panelCode, { group, differences }]) => {
      const ordered = [...differences].sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : a.order - b.order)).map((d) => d.difference);
      const n = ordered.length;
      const leniency = n > 0 ? mean(ordered) : null;
      const spread = leniency === null ? null : Math.sqrt(mean(ordered.map((d) => (d - leniency) ** 2)));
      const half = Math.floor(n / 2);
      const drift = n >= 2 ? mean(ordered.slice(n - half)) - mean(ordered.slice(0, half)) : null;
      const flags: string[] = [];
      const groupName = `the ${GROUP_LABELS[group]} group`;
      if (leniency !== null && n >= MIN_MARKS && Math.abs(leniency) >= LENIENCY_FLAG - 1e-9) {
        flags.push(`${leniency > 0 ? 'more generous' : 'stricter'} than ${groupName}: ${Math.abs(tidy(leniency)!)} of a mark on average over ${marks(n)}`);
      }
      if (spread !== null && n >= MIN_MARKS && spread >= SPREAD_FLAG - 1e-9) {
        flags.push(`unpredictable against ${groupName}: their marks differ from its by ${tidy(spread)} of a mark either way (standard deviation)`);
      }
      if (drift !== null && n >= MIN_MARKS_FOR_DRIFT && Math.abs(drift) >= DRIFT_FLAG - 1e-9) {
        flags.push(`marked ${drift > 0 ? 'more generously' : 'more strictly'} as they went on: ${Math.abs(tidy(drift)!)} of a mark between their first and second half of ${marks(n)}`);
      }
      return { panelCode, group, marks: n, leniency: tidy(leniency), spread: tidy(spread), drift: n >= MIN_MARKS_FOR_DRIFT ? tidy(drift) : null, flags };
    });
}
