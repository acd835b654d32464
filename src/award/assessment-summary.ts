import type { Calendar } from '../../workflows/index.js';
import type { SectionNode } from '../criteria/criteria-tree.js';
import type { PanelGroup } from '../domain/panel-group.js';
import { exactString, toDisplay, type BidResult, type RoundResults } from '../results/index.js';
import type { TieBreak } from '../round-core/round.entity.js';

// One assessment summary (PA23 s.50, reg 31) for one bidder, built from the final results and the
// consensus reasons. The JSON, the page and the PDF all show this one object.

export interface CriterionAssessment {
  key: string;
  title: string;
  section: { key: string; title: string; weighting: string };
  /** The question's weight within its section, exactly as published (percent). */
  publishedWeighting: string;
  /** Percent of the whole (section x question / 100), exact: never rounded. */
  weighting: string;
  availableMarks: number;
  score: string | null;
  weightedScore: string;
  /** The consensus reasons by group (quality), or how the price formula scored the bid. */
  reasons: string[];
  winnerScore?: string | null;
  winnerWeightedScore?: string;
}

export interface TieBreakNote {
  rule: string;
  /** The rule as published with the round. */
  published: string;
  outcome: 'tieBreakApplied' | 'tieUnresolved';
  /** The totals tied and the values the rule compared, in words. */
  explanation: string;
}

export interface StandstillNote {
  calendar: string;
  workingDays: number;
  awardNoticeAt: string | null;
  endsAt: string | null;
  /** Before the notice: when the standstill would end if the notice were published the day this summary was made. */
  endsIfNoticeOnGeneratedDay: string | null;
  rule: string;
}

export interface AssessmentSummary {
  round: { reference: string; title: string; route: string };
  bidId: string;
  supplierName: string;
  outcome: 'preferred bidder' | 'unsuccessful' | 'excluded' | 'disqualified';
  exclusionReason: string | null;
  /** Rounded to 2 places, as shown in the results. */
  total: string;
  totalExact: string;
  rank: number | null;
  scaleMax: number;
  criteria: CriterionAssessment[];
  winner: { supplierName: string; total: string; totalExact: string } | null;
  whyNotSuccessful: string[];
  tieBreak: TieBreakNote | null;
  standstill: StandstillNote;
  generatedAt: string;
}

export interface SummaryInput {
  round: { reference: string; title: string; route: string; tieBreak: TieBreak };
  results: RoundResults;
  tree: SectionNode[];
  bidId: string;
  preferredBidId: string;
  /** The compliance reason of an excluded bid. */
  exclusionReason: string | null;
  /** The recorded consensus reason per `${bidId}/${criterionId}/${group}`. */
  reasons: ReadonlyMap<string, string>;
  standstill: { calendar: Calendar; workingDays: number; startsDayAfter: boolean; awardNoticeAt: string | null; endsAt: string | null; endsIfNoticeNow: string | null };
  generatedAt: string;
}

export const reasonKey = (bidId: string, criterionId: string, group: string) => `${bidId}/${criterionId}/${group}`;

export function buildAssessmentSummary(input: SummaryInput): AssessmentSummary {
  const { results, tree } = input;
  const mine = results.bids.find((b) => b.id === input.bidId)!;
  const winner = results.bids.find((b) => b.id === input.preferredBidId)!;
  const successful = mine.id === winner.id;
  const sectionOf = new Map(tree.flatMap((section) => section.questions.map((q) => [q.id, { section, question: q }] as const)));

  const criteria: CriterionAssessment[] = mine.lines
    .filter((line) => line.type !== 'passFail')
    .map((line) => {
      const { section, question } = sectionOf.get(line.criterionId)!;
      const winnerLine = winner.lines.find((l) => l.criterionId === line.criterionId)!;
      const reasons = line.type === 'price'
        ? [`Scored by formula: lowest compliant price (£${results.lowestCompliantPrice}) ÷ this bid's price (£${mine.price}) × ${results.scaleMax}`]
        : question.scoredBy.map((g) => `${GROUP_NAMES[g]}: ${input.reasons.get(reasonKey(mine.id, line.criterionId, g)) ?? 'no consensus recorded'}`);
      return {
        key: line.key,
        title: line.title,
        section: { key: section.key, title: section.title, weighting: section.weight },
        publishedWeighting: question.weight,
        weighting: line.effectiveWeight,
        availableMarks: results.scaleMax,
        score: line.mark === null ? null : shown(line.mark),
        weightedScore: shown(line.weightedScore),
        reasons,
        ...(successful ? {} : { winnerScore: winnerLine.mark === null ? null : shown(winnerLine.mark), winnerWeightedScore: shown(winnerLine.weightedScore) }),
      };
    });

  return {
    round: { reference: input.round.reference, title: input.round.title, route: input.round.route },
    bidId: mine.id,
    supplierName: mine.supplierName,
    outcome: successful ? 'preferred bidder' : mine.status === 'excluded' ? 'excluded' : mine.status === 'disqualified' ? 'disqualified' : 'unsuccessful',
    exclusionReason: mine.status === 'excluded' ? input.exclusionReason : mine.reason,
    total: toDisplay(mine.total),
    totalExact: exactString(mine.total),
    rank: mine.rank,
    scaleMax: results.scaleMax,
    criteria,
    winner: successful ? null : { supplierName: winner.supplierName, total: toDisplay(winner.total), totalExact: exactString(winner.total) },
    whyNotSuccessful: successful ? [] : whyNot(mine, winner, criteria),
    tieBreak: tieBreakNote(mine, winner, input.round.tieBreak),
    standstill: standstillNote(input.standstill),
    generatedAt: input.generatedAt,
  };
}

/** Exact when it has at most 4 decimal places (a published weight, a blended mark); else 4 places. */
function shown(value: string): string {
  const exact = exactString(value);
  const decimals = exact.split('.')[1]?.length ?? 0;
  return decimals <= 4 ? (decimals < 2 ? toDisplay(exact) : exact) : toDisplay(exact, 4);
}

const GROUP_NAMES: Record<PanelGroup, string> = { professional: 'Professional panel', youngPartner: 'Young partners' };

function whyNot(mine: BidResult, winner: BidResult, criteria: CriterionAssessment[]): string[] {
  if (mine.status !== 'ranked') return [mine.reason ?? 'The bid was not eligible for award'];
  const lines = criteria
    .filter((c) => c.winnerWeightedScore !== undefined && Number(c.winnerWeightedScore) > Number(c.weightedScore))
    .map((c) => `${c.key} ${c.title}: the preferred bidder scored ${c.winnerScore} out of ${c.availableMarks} (${c.winnerWeightedScore} weighted) against your ${c.score ?? 'no score'} (${c.weightedScore})`);
  const sameShown = toDisplay(mine.total) === toDisplay(winner.total);
  if (sameShown && mine.total !== winner.total) {
    lines.unshift(`Both totals show as ${toDisplay(mine.total)} to two places, but they are not equal: the preferred bidder's is ${exactString(winner.total)}, yours ${exactString(mine.total)}`);
  } else if (mine.tieBreak?.outcome === 'tieBreakApplied' && mine.tieBreak.tiedOnTotalWith.includes(winner.id)) {
    lines.unshift(`Your total equals the preferred bidder's (${exactString(mine.total)}): the published tie-break decided`);
  }
  return lines;
}

function tieBreakNote(mine: BidResult, winner: BidResult, published: TieBreak): TieBreakNote | null {
  // The tie that matters to this bidder: its own, or the winner's when this bid is the winner.
  const tie = mine.tieBreak ?? null;
  if (!tie || (mine.id !== winner.id && !tie.tiedOnTotalWith.includes(winner.id))) return null;
  return { rule: tie.rule, published: published.description, outcome: tie.outcome, explanation: tie.explanation };
}

function standstillNote(s: SummaryInput['standstill']): StandstillNote {
  const counted = s.startsDayAfter ? 'from the day after the day the award notice is published' : 'beginning with the day the award notice is published';
  return {
    calendar: s.calendar.label,
    workingDays: s.workingDays,
    awardNoticeAt: s.awardNoticeAt,
    endsAt: s.endsAt,
    endsIfNoticeOnGeneratedDay: s.awardNoticeAt ? null : s.endsIfNoticeNow,
    rule: s.workingDays > 0
      ? `The standstill lasts ${s.workingDays} working days ${counted}, counted in ${s.calendar.label}; the contract is not entered into before it ends.`
      : 'This round has no standstill period.',
  };
}
