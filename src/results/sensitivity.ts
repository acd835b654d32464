import { calculateResults } from './calculate-results.js';
import { Exact, exactString, HUNDRED, quotient, ZERO, type Decimal } from './exact.js';
import { PANEL_GROUPS, type BidResult, type PanelGroup, type QuestionInput, type ResultsInput, type RoundResults, type SectionInput } from './model.js';

/**
 * How robust an award is: would one mark, the balance between the groups, or the price weight have
 * changed the winner? Pure and exact like calculateResults, which decides every "who wins" here: this
 * module only chooses which inputs to try. Weights are swept without sampling: every bid's total is a
 * straight line in the weight, so the winner can only change where two lines cross (or where a blended
 * mark crosses a minimum), and the calculation is run at each such point and between them.
 */

export interface MarkFlip {
  bidId: string;
  supplierName: string;
  group: PanelGroup;
  /** The group mark now and after the change (exact decimals; a provisional mark may be a mean). */
  from: string;
  to: string;
  /** Signed whole marks: -1 is one mark lower. */
  change: number;
  /** The top-ranked eligible bids after the change (none when it disqualifies the only eligible bid). */
  winnerIds: string[];
  /** The changed bid's total after the change. */
  totalAfter: string;
}

export interface QuestionMarkSensitivity {
  criterionId: string;
  key: string;
  title: string;
  /** The smallest change of one group mark on this question that changes the winner; null: no single mark change would. */
  flip: MarkFlip | null;
}

/** A stretch of weight (percent) with the bids that rank first there. */
export interface WeightSegment {
  from: string;
  to: string;
  fromIncluded: boolean;
  toIncluded: boolean;
  winnerIds: string[];
}

export interface WeightSensitivity {
  /** The question whose young-partner weight is varied; null for every question at once, or for the price weight. */
  criterionId: string | null;
  key: string | null;
  /** The published weight in percent; null when questions differ (the whole-round sweep). */
  published: string | null;
  /** 0 to 100, cut where the winner changes. */
  segments: WeightSegment[];
  /** The segments where today's winner still ranks first. */
  sameWinner: WeightSegment[];
}

export interface ThresholdRisk {
  bidId: string;
  supplierName: string;
  criterionId: string;
  key: string;
  group: PanelGroup;
  from: string;
  to: string;
  /** The question's blended mark after the change. */
  markAfter: string;
}

/**
 * Each figure re-runs the exact calculation (about 20 ms for 10 bids x 10 questions) tens to hundreds of
 * times, so beyond this many evaluated bid x quality question lines only the margin is given.
 */
export const SENSITIVITY_LIMIT = 1000;

export interface Sensitivity {
  /** false when the round is too large (see SENSITIVITY_LIMIT): only the winner and margin are given. */
  computed: boolean;
  /** The top-ranked eligible bids: one, or more when the tie-break could not separate them. */
  winnerIds: string[];
  /** The best eligible bid below the winner. */
  runnerUpId: string | null;
  /** Winner's total minus the runner-up's, in points out of 100. */
  margin: string | null;
  marks: QuestionMarkSensitivity[];
  /** Per question scored by both groups, the young-partner weight (professional = 100 - it). */
  groupWeight: WeightSensitivity[];
  /** Every two-group question's young-partner weight set to the same value; null without such questions. */
  roundGroupWeight: WeightSensitivity | null;
  /** The price weight, the other weights scaled to fill the rest in their published proportions; null without price. */
  priceWeight: WeightSensitivity | null;
  /** Eligible bids that one mark lower on one group mark would disqualify. */
  oneMarkFromDisqualification: ThresholdRisk[];
  /** Disqualified bids that one mark higher on one group mark would make eligible. */
  oneMarkFromQualifying: ThresholdRisk[];
}

const winnersOf = (results: RoundResults) => results.bids.filter((b) => b.rank === 1).map((b) => b.id).sort();
const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
const qualityQuestions = (input: ResultsInput) => input.sections.flatMap((s) => s.questions).filter((q) => q.type === 'quality');
const bothGroups = (q: QuestionInput) => PANEL_GROUPS.every((g) => q.scoredBy.includes(g));

/** The round's input with one group mark replaced. */
export function withMark(input: ResultsInput, bidId: string, criterionId: string, group: PanelGroup, mark: string): ResultsInput {
  return {
    ...input,
    marks: input.marks.map((m) => (m.bidId === bidId && m.criterionId === criterionId && m.group === group ? { ...m, mark } : m)),
  };
}

export function sensitivity(input: ResultsInput): Sensitivity {
  const base = calculateResults(input);
  const winnerIds = winnersOf(base);
  const ranked = base.bids.filter((b) => b.rank !== null);
  const runnerUp = ranked.find((b) => !winnerIds.includes(b.id)) ?? null;
  const winner = ranked.find((b) => winnerIds.includes(b.id)) ?? null;
  const twoGroup = qualityQuestions(input).filter(bothGroups);
  const published = [...new Set(twoGroup.map((q) => q.groupWeights.youngPartner ?? '0'))];
  const head = {
    winnerIds,
    runnerUpId: runnerUp?.id ?? null,
    margin: winner && runnerUp ? exactString(new Exact(winner.total).minus(runnerUp.total)) : null,
  };
  const lines = base.bids.filter((b) => b.status !== 'excluded').length * qualityQuestions(input).length;
  if (lines > SENSITIVITY_LIMIT) {
    return { ...head, computed: false, marks: [], groupWeight: [], roundGroupWeight: null, priceWeight: null, oneMarkFromDisqualification: [], oneMarkFromQualifying: [] };
  }

  return {
    ...head,
    computed: true,
    marks: qualityQuestions(input).map((q) => ({ criterionId: q.id, key: q.key, title: q.title, flip: smallestFlip(input, base, q) })),
    groupWeight: twoGroup.map((q) => ({
      criterionId: q.id, key: q.key, published: q.groupWeights.youngPartner ?? '0',
      ...sweep((x) => withGroupWeight(input, [q.id], x), winnerIds),
    })),
    roundGroupWeight: twoGroup.length === 0 ? null : {
      criterionId: null, key: null, published: published.length === 1 ? published[0] : null,
      ...sweep((x) => withGroupWeight(input, twoGroup.map((q) => q.id), x), winnerIds),
    },
    priceWeight: priceSweep(input, winnerIds),
    ...thresholdRisks(input, base),
  };
}

/**
 * The smallest whole-mark change of one group mark on question q that changes the winner. Only
 * changes that can matter are tried: a winner's mark down (or up, to break a tie it shares), another
 * bid's mark up. A change too small to close the gap in points is skipped unless a minimum mark is
 * involved; calculateResults decides each change that is tried.
 */
function smallestFlip(input: ResultsInput, base: RoundResults, q: QuestionInput): MarkFlip | null {
  const winners = winnersOf(base);
  const scaleMax = new Exact(input.scaleMax);
  const winnerTotal = base.bids.find((b) => b.rank === 1)?.total ?? null;
  const runnerUpTotal = base.bids.find((b) => b.rank !== null && !winners.includes(b.id))?.total ?? null;
  let best: MarkFlip | null = null;

  for (const bid of base.bids) {
    if (bid.status === 'excluded') continue;
    const line = bid.lines.find((l) => l.criterionId === q.id)!;
    const isWinner = winners.includes(bid.id);
    for (const group of PANEL_GROUPS) {
      const mark = line.groupMarks[group];
      if (mark === undefined) continue;
      const from = new Exact(mark);
      // Points one mark moves this bid's total by.
      const perMark = quotient(new Exact(q.groupWeights[group] ?? '0').times(line.effectiveWeight), HUNDRED.times(scaleMax));
      const directions: { sign: 1 | -1; gap: Decimal | null }[] = isWinner
        ? [
            { sign: -1, gap: q.threshold !== null || runnerUpTotal === null ? null : winners.length > 1 ? ZERO : new Exact(winnerTotal!).minus(runnerUpTotal) },
            ...(winners.length > 1 ? [{ sign: 1 as const, gap: ZERO }] : []),
          ]
        : [{ sign: 1, gap: bid.eligible && winnerTotal !== null ? new Exact(winnerTotal).minus(bid.total) : null }];
      for (const { sign, gap } of directions) {
        const limit = sign > 0 ? scaleMax.minus(from) : from;
        // The first change that can close the gap in points; 1 when a minimum mark or eligibility may decide.
        let start = 1;
        if (gap !== null) {
          if (perMark.isZero()) continue;
          start = Math.max(1, gap.div(perMark).ceil().toNumber());
        }
        const stop = Math.min(limit.floor().toNumber(), best ? Math.abs(best.change) - 1 : Infinity);
        for (let step = start; step <= stop; step++) {
          const to = from.plus(sign * step);
          const changed = calculateResults(withMark(input, bid.id, q.id, group, exactString(to)));
          const after = winnersOf(changed);
          if (sameIds(after, winners)) continue;
          const totalAfter = changed.bids.find((b) => b.id === bid.id)!.total;
          const candidate: MarkFlip = { bidId: bid.id, supplierName: bid.supplierName, group, from: mark, to: exactString(to), change: sign * step, winnerIds: after, totalAfter };
          // Ties in size go to the first found: bids in result order, professional before young partner, down before up.
          best = candidate;
          break;
        }
      }
    }
  }
  return best;
}

/** The input with the young-partner weight of the given questions set to x percent (professional: 100 - x). */
export function withGroupWeight(input: ResultsInput, criterionIds: readonly string[], x: Decimal): ResultsInput {
  const ids = new Set(criterionIds);
  return {
    ...input,
    sections: input.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => (ids.has(q.id) ? { ...q, groupWeights: { professional: exactString(HUNDRED.minus(x)), youngPartner: exactString(x) } } : q)),
    })),
  };
}

/** Price questions' effective weights at `published` percent in all. */
function priceShare(input: ResultsInput): Decimal {
  return input.sections.reduce((acc, s) => acc.plus(s.questions.filter((q) => q.type === 'price')
    .reduce((sum, q) => sum.plus(new Exact(s.weight).times(q.weight).div(HUNDRED)), ZERO)), ZERO);
}

/**
 * The input with price worth p percent and every other question scaled to share 100 - p in its
 * published proportions. Each question becomes a section of its own with that effective weight, which
 * leaves every total unchanged at the published price weight.
 */
export function withPriceWeight(input: ResultsInput, p: Decimal): ResultsInput {
  const published = priceShare(input);
  const sections: SectionInput[] = input.sections.flatMap((s) => s.questions.map((q) => {
    const effective = new Exact(s.weight).times(q.weight).div(HUNDRED);
    const weight = q.type === 'price' ? quotient(effective.times(p), published) : quotient(effective.times(HUNDRED.minus(p)), HUNDRED.minus(published));
    return { id: `${s.id}/${q.id}`, key: q.key, title: q.title, weight: exactString(weight), questions: [{ ...q, weight: q.type === 'passFail' ? '0' : '100' }] };
  }));
  return { ...input, sections };
}

function priceSweep(input: ResultsInput, winnerIds: string[]): WeightSensitivity | null {
  const published = priceShare(input);
  if (published.isZero() || published.gte(HUNDRED)) return null;
  return { criterionId: null, key: null, published: exactString(published), ...sweep((p) => withPriceWeight(input, p), winnerIds) };
}

interface Line0 {
  at0: Decimal;
  at100: Decimal;
}
/** Where f and g, straight lines over 0..100 given by their ends, cross strictly inside; null if nowhere. */
function crossing(f: Line0, g: Line0): Decimal | null {
  const slope = f.at100.minus(f.at0).minus(g.at100.minus(g.at0));
  if (slope.isZero()) return null;
  const x = quotient(g.at0.minus(f.at0).times(HUNDRED), slope);
  return x.gt(ZERO) && x.lt(HUNDRED) ? x : null;
}

/**
 * Who ranks first for every weight x in 0..100, where inputAt(x) is linear in x. The winner can only
 * change where two bids' totals (or tie-break values) cross, or a blended mark crosses its minimum;
 * the calculation is run at each such point and at the middle of each stretch between them.
 */
function sweep(fullInputAt: (x: Decimal) => ResultsInput, winnerIds: string[]): Pick<WeightSensitivity, 'segments' | 'sameWinner'> {
  const r0 = calculateResults(fullInputAt(ZERO));
  const r100 = calculateResults(fullInputAt(HUNDRED));
  const ends = new Map(r100.bids.map((b) => [b.id, b]));
  const evaluated = r0.bids.filter((b) => b.status !== 'excluded').map((b) => ({ at0: b, at100: ends.get(b.id)! }));
  const measure = (pick: (b: BidResult) => string) => (e: (typeof evaluated)[number]): Line0 => ({ at0: new Exact(pick(e.at0)), at100: new Exact(pick(e.at100)) });
  const total = measure((b) => b.total);

  // A bid whose best total anywhere is below another's worst, where that other is eligible throughout, never ranks first.
  const eligibleThroughout = evaluated.filter((e) => e.at0.eligible && e.at100.eligible);
  const floor = eligibleThroughout.length === 0 ? null : Exact.max(...eligibleThroughout.map((e) => Exact.min(total(e).at0, total(e).at100)));
  const contenders = evaluated.filter((e) => floor === null || Exact.max(total(e).at0, total(e).at100).gte(floor));
  // The others' marks are left out of the calculations below (their prices stay, for the lowest price):
  // with fewer points than before they still rank below a contender everywhere, and each run is quicker.
  const kept = new Set(contenders.map((e) => e.at0.id));
  const inputAt = (x: Decimal) => {
    const full = fullInputAt(x);
    return kept.size === evaluated.length ? full : { ...full, marks: full.marks.filter((m) => kept.has(m.bidId)) };
  };

  // Each point remembers which bids meet there; a minimum being crossed concerns everyone.
  const points = new Map<string, { x: Decimal; bids: Set<string> | 'all' }>();
  const add = (x: Decimal | null, bids: string[] | 'all') => {
    if (!x) return;
    const key = exactString(x);
    const point = points.get(key) ?? { x, bids: new Set<string>() };
    if (bids === 'all' || point.bids === 'all') point.bids = 'all';
    else for (const id of bids) point.bids.add(id);
    points.set(key, point);
  };
  add(ZERO, 'all');
  add(HUNDRED, 'all');
  const tieBreaks = [measure((b) => b.qualityScore), measure((b) => b.contributions.youngPartner), measure((b) => b.contributions.price)];
  const sameLine = (f: Line0, g: Line0) => f.at0.eq(g.at0) && f.at100.eq(g.at100);
  for (const [i, a] of contenders.entries()) {
    for (const b of contenders.slice(i + 1)) {
      const pair = [a.at0.id, b.at0.id];
      add(crossing(total(a), total(b)), pair);
      // Tie-break values only decide between bids whose totals are equal all along.
      if (sameLine(total(a), total(b))) for (const m of tieBreaks) add(crossing(m(a), m(b)), pair);
    }
    a.at0.lines.forEach((line, li) => {
      const other = a.at100.lines[li];
      if (line.threshold === null || line.mark === null || other.mark === null) return;
      const minimum = new Exact(line.threshold);
      add(crossing({ at0: new Exact(line.mark), at100: new Exact(other.mark) }, { at0: minimum, at100: minimum }), 'all');
    });
  }
  const sorted = [...points.values()].sort((a, b) => a.x.cmp(b.x));

  const segments: WeightSegment[] = [];
  const push = (from: Decimal, to: Decimal, fromIncluded: boolean, toIncluded: boolean, winners: string[]) => {
    const last = segments.at(-1);
    if (last && sameIds(last.winnerIds, winners)) Object.assign(last, { to: exactString(to), toIncluded });
    else segments.push({ from: exactString(from), to: exactString(to), fromIncluded, toIncluded, winnerIds: winners });
  };
  const winnersAt = (x: Decimal) => winnersOf(x.isZero() ? r0 : x.eq(HUNDRED) ? r100 : calculateResults(inputAt(x)));
  // Walk from 0 to 100: the bids first just after a point stay first until a point where one of them
  // meets another bid or a minimum is crossed; points where only other bids cross are stepped over.
  push(ZERO, ZERO, true, true, winnersAt(ZERO));
  for (let i = 0; i < sorted.length - 1;) {
    const winners = winnersAt(quotient(sorted[i].x.plus(sorted[i + 1].x), 2));
    let j = i + 1;
    const concerns = (p: (typeof sorted)[number]) => p.bids === 'all' || winners.some((id) => (p.bids as Set<string>).has(id));
    while (j < sorted.length - 1 && !concerns(sorted[j])) j++;
    push(sorted[i].x, sorted[j].x, false, false, winners);
    push(sorted[j].x, sorted[j].x, true, true, winnersAt(sorted[j].x));
    i = j;
  }
  return { segments, sameWinner: segments.filter((s) => sameIds(s.winnerIds, winnerIds)) };
}

/** Bids one whole mark from a minimum: eligible ones a mark lower would disqualify, disqualified ones a mark higher would restore. */
function thresholdRisks(input: ResultsInput, base: RoundResults): Pick<Sensitivity, 'oneMarkFromDisqualification' | 'oneMarkFromQualifying'> {
  const oneMarkFromDisqualification: ThresholdRisk[] = [];
  const oneMarkFromQualifying: ThresholdRisk[] = [];
  const questions = new Map(qualityQuestions(input).filter((q) => q.threshold !== null).map((q) => [q.id, q]));
  for (const bid of base.bids) {
    if (bid.status === 'excluded') continue;
    for (const line of bid.lines) {
      if (!questions.has(line.criterionId)) continue;
      for (const group of PANEL_GROUPS) {
        const mark = line.groupMarks[group];
        if (mark === undefined) continue;
        const sign = bid.eligible ? -1 : 1;
        const to = new Exact(mark).plus(sign);
        if (to.isNegative() || to.gt(input.scaleMax)) continue;
        // Only a change that takes the blended mark across the minimum can change eligibility.
        if (line.mark === null) continue;
        const question = questions.get(line.criterionId)!;
        const blendedAfter = new Exact(line.mark!).plus(quotient(new Exact(question.groupWeights[group] ?? '0').times(sign), HUNDRED));
        if (blendedAfter.lt(question.threshold!) !== bid.eligible) continue;
        const after = calculateResults(withMark(input, bid.id, line.criterionId, group, exactString(to))).bids.find((b) => b.id === bid.id)!;
        if (after.eligible === bid.eligible) continue;
        const markAfter = after.lines.find((l) => l.criterionId === line.criterionId)!.mark!;
        const risk = { bidId: bid.id, supplierName: bid.supplierName, criterionId: line.criterionId, key: line.key, group, from: mark, to: exactString(to), markAfter };
        (bid.eligible ? oneMarkFromDisqualification : oneMarkFromQualifying).push(risk);
      }
    }
  }
  return { oneMarkFromDisqualification, oneMarkFromQualifying };
}
