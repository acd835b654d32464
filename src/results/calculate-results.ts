import { Exact, exactString, HUNDRED, parseDecimal, quotient, sum, ZERO, type Decimal } from './exact.js';
import {
  GROUP_NAMES, PANEL_GROUPS, type BidInput, type BidResult, type Contributions, type PanelGroup, type QuestionInput,
  type QuestionLine, type ResultsInput, type RoundResults, type SectionInput, type SectionTotal, type ThresholdFailure,
} from './model.js';
import { bySupplierName, naturalOrder } from './order.js';
import { rankBids, type Rankable } from './ranking.js';
import { effectiveWeight, scoringGroups, weightProblems } from './weights.js';

/** The input cannot be calculated at all (a broken reference, a duplicate, a mark off the scale). */
export class ResultsInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`The results cannot be calculated: ${problems.join('; ')}`);
    this.name = 'ResultsInputError';
  }
}

type Buckets = Record<keyof Contributions, Decimal>;

interface Question extends QuestionInput {
  section: Section;
  effectiveWeight: Decimal;
  groups: PanelGroup[];
  groupWeightValues: Partial<Record<PanelGroup, Decimal>>;
  thresholdValue: Decimal | null;
}
interface Section extends Omit<SectionInput, 'questions'> {
  weightValue: Decimal;
  questions: Question[];
}
interface Bid extends BidInput {
  priceValue: Decimal | null;
}
interface Line {
  question: Question;
  groupMarks: Partial<Record<PanelGroup, Decimal>>;
  mark: Decimal | null;
  weighted: Decimal;
  buckets: Buckets;
  status: QuestionLine['status'];
  missing: string[];
}

/** Sections and questions in key order ("S2" before "S10"), so output never follows input order. */
const byKey = (a: { key: string; id: string }, b: { key: string; id: string }) =>
  naturalOrder.compare(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const label = (node: { key: string; title: string }) => `${node.key} ${node.title}`;
const emptyBuckets = (): Buckets => ({ professional: ZERO, youngPartner: ZERO, price: ZERO });
const addBuckets = (a: Buckets, b: Buckets): Buckets =>
  ({ professional: a.professional.plus(b.professional), youngPartner: a.youngPartner.plus(b.youngPartner), price: a.price.plus(b.price) });
const bucketStrings = (b: Buckets): Contributions =>
  ({ professional: exactString(b.professional), youngPartner: exactString(b.youngPartner), price: exactString(b.price) });
const markKey = (bidId: string, criterionId: string, group: string) => JSON.stringify([bidId, criterionId, group]);

/**
 * Weighted results of a round: per bid, per question, per panel group; section subtotals; totals;
 * thresholds; ranking with the published tie-break. Pure and exact (see exact.ts): the same input in
 * any order gives the same output, and professional + youngPartner + price = total to the last digit.
 *
 * - Effective weight of a question = section weight x question weight / 100.
 * - Quality: blended mark = Σ groupWeight/100 x group mark; group g contributes
 *   groupWeight/100 x mark_g / scaleMax x effective weight; the weighted score is the sum of those.
 *   A missing group mark makes the line incomplete: it counts 0 and the bid is `complete: false`.
 * - Price: mark = lowest compliant price / bid price x scaleMax; weighted = lowest / price x effective weight.
 * - Thresholds apply to scored lines only (an incomplete line cannot be below a minimum yet).
 * - Excluded bids are listed but not evaluated; disqualified bids are evaluated but not ranked.
 *   Incomplete bids are still ranked (provisional results); `complete` says so.
 */
export function calculateResults(input: ResultsInput): RoundResults {
  const { sections, bids, marks } = prepare(input);
  const scaleMax = new Exact(input.scaleMax);
  const pricedCompliant = bids.filter((b) => b.compliant && b.priceValue !== null).map((b) => b.priceValue!);
  const lowestPrice = pricedCompliant.length > 0 ? Exact.min(...pricedCompliant) : null;
  const questions = sections.flatMap((s) => s.questions);

  const evaluated = bids.map((bid) => {
    const lines = questions.map((q) => (bid.compliant ? scoreLine(q, bid, marks, scaleMax, lowestPrice) : notEvaluated(q)));
    const thresholdFailures = lines.flatMap((line) => thresholdFailure(line));
    const total = sum(lines.map((l) => l.weighted));
    return {
      bid, lines, thresholdFailures, total,
      qualityScore: sum(lines.filter((l) => l.question.type === 'quality').map((l) => l.weighted)),
      buckets: lines.map((l) => l.buckets).reduce(addBuckets, emptyBuckets()),
      eligible: bid.compliant && thresholdFailures.length === 0,
    };
  });

  const placings = rankBids(
    evaluated.filter((e) => e.eligible).map((e): Rankable => ({
      id: e.bid.id, supplierName: e.bid.supplierName, total: e.total, qualityScore: e.qualityScore,
      youngPartner: e.buckets.youngPartner, price: e.bid.priceValue,
    })),
    input.tieBreak.rule,
  );

  const results = evaluated.map((e): BidResult => {
    const placing = placings.get(e.bid.id);
    const incomplete = e.lines.filter((l) => l.status === 'incomplete').map((l) => `${label(l.question)}: ${l.missing.join(', ')}`);
    return {
      id: e.bid.id,
      supplierName: e.bid.supplierName,
      price: e.bid.priceValue && exactString(e.bid.priceValue),
      compliant: e.bid.compliant,
      status: !e.bid.compliant ? 'excluded' : e.eligible ? 'ranked' : 'disqualified',
      eligible: e.eligible,
      reason: !e.bid.compliant
        ? 'excluded at compliance'
        : e.eligible ? null : `disqualified: below the minimum mark on ${e.thresholdFailures.map((f) => label(f)).join(', ')}`,
      lines: e.lines.map(lineResult),
      sectionTotals: sections.map((section) => sectionTotal(section, e.lines)),
      total: exactString(e.total),
      qualityScore: exactString(e.qualityScore),
      contributions: bucketStrings(e.buckets),
      thresholdFailures: e.thresholdFailures,
      complete: incomplete.length === 0,
      incomplete,
      rank: placing?.rank ?? null,
      tie: placing?.tie ?? false,
      tieBreak: placing?.tieBreak ?? null,
    };
  });

  const statusOrder = { ranked: 0, disqualified: 1, excluded: 2 };
  results.sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || (a.rank ?? 0) - (b.rank ?? 0) || bySupplierName(a, b));

  return {
    scaleMax: input.scaleMax,
    tieBreakRule: input.tieBreak.rule,
    lowestCompliantPrice: lowestPrice && exactString(lowestPrice),
    complete: results.every((r) => r.complete),
    weightProblems: weightProblems(sections),
    bids: results,
  };
}

function scoreLine(q: Question, bid: Bid, marks: Map<string, Decimal>, scaleMax: Decimal, lowestPrice: Decimal | null): Line {
  const line: Line = { question: q, groupMarks: {}, mark: null, weighted: ZERO, buckets: emptyBuckets(), status: 'incomplete', missing: [] };
  if (q.type === 'passFail') return { ...line, status: 'notScored' };

  if (q.type === 'price') {
    if (bid.priceValue === null) line.missing.push('no price');
    else if (lowestPrice === null) line.missing.push('no compliant bid has a price');
    if (line.missing.length > 0 || bid.priceValue === null || lowestPrice === null) return line;
    const weighted = quotient(lowestPrice.times(q.effectiveWeight), bid.priceValue);
    return {
      ...line, status: 'scored', weighted,
      mark: quotient(lowestPrice.times(scaleMax), bid.priceValue),
      buckets: { ...line.buckets, price: weighted },
    };
  }

  if (q.groups.length === 0) return { ...line, missing: ['scored by no panel group'] };
  for (const group of q.groups) {
    const mark = marks.get(markKey(bid.id, q.id, group));
    if (mark === undefined) line.missing.push(`no ${GROUP_NAMES[group]} mark`);
    else line.groupMarks[group] = mark;
  }
  if (line.missing.length > 0) return line;

  const buckets = emptyBuckets();
  let blended = ZERO;
  for (const group of q.groups) {
    const groupWeight = q.groupWeightValues[group] ?? ZERO;
    const weightedMark = groupWeight.times(line.groupMarks[group]!);
    blended = blended.plus(weightedMark.div(HUNDRED));
    buckets[group] = quotient(weightedMark.times(q.effectiveWeight), HUNDRED.times(scaleMax));
  }
  return { ...line, status: 'scored', mark: blended, buckets, weighted: buckets.professional.plus(buckets.youngPartner) };
}

function notEvaluated(q: Question): Line {
  return { question: q, groupMarks: {}, mark: null, weighted: ZERO, buckets: emptyBuckets(), status: 'notEvaluated', missing: [] };
}

function thresholdFailure(line: Line): ThresholdFailure[] {
  const { question, mark } = line;
  if (question.thresholdValue === null || question.threshold === null || mark === null || !mark.lt(question.thresholdValue)) return [];
  return [{
    criterionId: question.id, key: question.key, title: question.title, mark: exactString(mark), threshold: question.threshold,
    message: `${label(question)}: ${exactString(mark)} is below the minimum of ${question.threshold}`,
  }];
}

function lineResult(line: Line): QuestionLine {
  const q = line.question;
  const groupMarks: QuestionLine['groupMarks'] = {};
  for (const group of PANEL_GROUPS) if (line.groupMarks[group]) groupMarks[group] = exactString(line.groupMarks[group]);
  return {
    criterionId: q.id, key: q.key, title: q.title, type: q.type, sectionId: q.section.id, sectionKey: q.section.key,
    effectiveWeight: exactString(q.effectiveWeight),
    threshold: q.threshold,
    groupMarks,
    mark: line.mark && exactString(line.mark),
    weightedScore: exactString(line.weighted),
    contributions: bucketStrings(line.buckets),
    status: line.status,
    missing: line.missing,
  };
}

function sectionTotal(section: Section, lines: Line[]): SectionTotal {
  const own = lines.filter((l) => l.question.section === section);
  return {
    sectionId: section.id, key: section.key, title: section.title, weight: exactString(section.weightValue),
    total: exactString(sum(own.map((l) => l.weighted))),
    contributions: bucketStrings(own.map((l) => l.buckets).reduce(addBuckets, emptyBuckets())),
  };
}

/** Parses and cross-checks the input; every problem found is reported at once. */
function prepare(input: ResultsInput) {
  const problems: string[] = [];
  if (!Number.isInteger(input.scaleMax) || input.scaleMax < 1) problems.push(`The scale maximum must be a whole number of at least 1, not ${input.scaleMax}`);
  const scaleMax = new Exact(Number.isFinite(input.scaleMax) ? input.scaleMax : 0);

  const decimal = (value: unknown, what: string): Decimal => {
    const parsed = parseDecimal(value);
    if (parsed === null || parsed.isNegative()) problems.push(`${what} must be a non-negative decimal string, not ${JSON.stringify(value)}`);
    return parsed ?? ZERO;
  };

  const seenIds = new Set<string>();
  const unique = (kind: string, id: string) => {
    if (seenIds.has(`${kind}:${id}`)) problems.push(`The ${kind} id ${id} is used more than once`);
    seenIds.add(`${kind}:${id}`);
  };

  const sections: Section[] = [...input.sections].sort(byKey).map((s) => {
    unique('section', s.id);
    const section: Section = { ...s, weightValue: decimal(s.weight, `The weight of section ${label(s)}`), questions: [] };
    section.questions = [...s.questions].sort(byKey).map((q): Question => {
      unique('question', q.id);
      const groups = q.type === 'quality' ? scoringGroups(q) : [];
      const groupWeightValues: Question['groupWeightValues'] = {};
      for (const group of groups) {
        const value = q.groupWeights[group];
        if (value !== undefined) groupWeightValues[group] = decimal(value, `The ${GROUP_NAMES[group]} group weight of question ${label(q)}`);
      }
      if (q.threshold !== null && !Number.isFinite(q.threshold)) problems.push(`The threshold of question ${label(q)} is not a number`);
      return {
        ...q, section, groups, groupWeightValues,
        effectiveWeight: effectiveWeight(section.weightValue, decimal(q.weight, `The weight of question ${label(q)}`)),
        thresholdValue: q.threshold === null || !Number.isFinite(q.threshold) ? null : new Exact(q.threshold),
      };
    });
    return section;
  });

  const bids: Bid[] = [...input.bids].sort(bySupplierName).map((b) => {
    unique('bid', b.id);
    let priceValue: Decimal | null = null;
    if (b.price !== null) {
      priceValue = parseDecimal(b.price);
      if (priceValue === null || !priceValue.isPositive() || priceValue.isZero()) {
        problems.push(`The price of bid ${b.supplierName} must be a positive decimal string, not ${JSON.stringify(b.price)}`);
        priceValue = null;
      }
    }
    return { ...b, priceValue };
  });

  const bidIds = new Set(bids.map((b) => b.id));
  const questionsById = new Map(sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const marks = new Map<string, Decimal>();
  for (const m of input.marks) {
    const where = `The ${GROUP_NAMES[m.group] ?? m.group} mark for bid ${m.bidId} on criterion ${m.criterionId}`;
    const question = questionsById.get(m.criterionId);
    if (!bidIds.has(m.bidId)) problems.push(`${where} is for an unknown bid`);
    if (!question) problems.push(`${where} is for an unknown criterion`);
    else if (question.type !== 'quality') problems.push(`${where} is for a ${question.type} question, which the panel does not mark`);
    else if (!question.groups.includes(m.group)) problems.push(`${where} is from a group that does not score ${label(question)}`);
    const key = markKey(m.bidId, m.criterionId, m.group);
    if (marks.has(key)) problems.push(`${where} is given more than once`);
    const mark = parseDecimal(m.mark);
    if (mark === null || mark.isNegative() || mark.gt(scaleMax)) problems.push(`${where} must be a decimal from 0 to ${input.scaleMax}, not ${JSON.stringify(m.mark)}`);
    else marks.set(key, mark);
  }

  if (problems.length > 0) throw new ResultsInputError([...new Set(problems)].sort());
  return { sections, bids, marks };
}
