import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { decisionFor, hasLots, lotParts, NO_LOT, preferredBidOf, type LotDecision, type LotPart } from '../round-core/lots.js';
import { loadCriteriaTree } from '../criteria/criteria-tree.js';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { calculateResults, toDisplay, type GroupMarkInput, type ResultsInput, type RoundResults } from '../results/index.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { DECIDED, SCORING_STARTED } from '../round-core/round-stages.js';
import type { Round } from '../round-core/round.entity.js';
import { moderationCells } from '../scoring/moderation-cells.js';
import type { User } from '../users/user.entity.js';
import { ResultsDto, type LotDecisionDto } from './results.dto.js';
import { AwardErrorCode } from './award-error-codes.js';

/** Results are final once moderation has closed (DECIDED); before that they are labelled provisional. */
export const resultsBasis = (provisional: boolean) =>
  provisional
    ? 'Provisional: from the mean of individual marks where no consensus is recorded yet. Not for award.'
    : 'Final: from the consensus marks recorded in moderation.';

export interface LoadedResults {
  results: RoundResults;
  /** What the calculation read, for recalculating with a change (the award's sensitivity). */
  input: ResultsInput;
  provisional: boolean;
  /** For each bid x question x group: where the mark came from. */
  sources: Map<string, 'consensus' | 'mean'>;
}

@Injectable()
export class ResultsService {
  constructor(private readonly commands: RoundCommands) {}

  results(user: User, roundId: string): Promise<ResultsDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('results'), async ({ manager, round, viewer }) => {
      assertResultsShown(round, viewer);
      return roundResultsDto(manager, round);
    });
  }
}

/** When results (and what is derived from them) exist for the lead and auditors. */
/** Results exist once scoring has started; they are means of individual marks (provisional), so they are shown to whoever sees those. */
export function assertResultsShown(round: Round, viewer: RoundViewer): void {
  if (!SCORING_STARTED.has(round.state)) throw new ConflictError(AwardErrorCode.WrongStage, 'Results exist once scoring has started', { state: round.state });
  viewer.assertSeesIndividualMarks('results');
}

/** One lot's results: the calculation run on that lot's bids alone (a round without lots has one, NO_LOT). */
export interface LotResults extends LoadedResults {
  part: LotPart;
}

/**
 * The one rule for lots: each lot is calculated on its own bids, so the lowest compliant price (the
 * price formula), totals, thresholds, ranking and tie-break are per lot. Runs the pure calculation on
 * the round's data: each group's consensus mark where recorded, otherwise (provisionally) the exact
 * mean of the submitted individual marks. In the round's lot order; a round without lots gives one.
 */
export async function loadLotResults(manager: EntityManager, round: Round): Promise<LotResults[]> {
  const [tree, bids, cells] = await Promise.all([
    loadCriteriaTree(manager, round.id),
    manager.find(Bid, { where: { roundId: round.id, ...IN_THE_AWARD } }),
    moderationCells(manager, round, { withMarks: false }),
  ]);
  const sources = new Map<string, 'consensus' | 'mean'>();
  const marks: GroupMarkInput[] = [];
  for (const cell of cells) {
    const mark = cell.consensus ? String(cell.consensus.mark) : cell.mean;
    if (mark === null) continue;
    marks.push({ bidId: cell.bidId, criterionId: cell.criterionId, group: cell.group, mark });
    sources.set(`${cell.bidId}/${cell.criterionId}/${cell.group}`, cell.consensus ? 'consensus' : 'mean');
  }
  // The calculation orders lines by key; show them in the published order instead.
  const position = new Map(tree.flatMap((section) => [section.id, ...section.questions.map((q) => q.id)]).map((id, i) => [id, i]));
  return lotParts(round).map((part) => {
    const inLot = bids.filter((b) => b.lotKey === part.key);
    const ids = new Set(inLot.map((b) => b.id));
    const input: ResultsInput = {
      scaleMax: round.scale.max,
      sections: tree,
      bids: inLot.map((b) => ({ id: b.id, supplierName: b.supplierName, price: b.price, compliant: b.compliance === 'compliant' })),
      marks: marks.filter((m) => ids.has(m.bidId)),
      tieBreak: { rule: round.tieBreak.rule },
    };
    const results = calculateResults(input);
    for (const bid of results.bids) {
      bid.lines.sort((a, b) => position.get(a.criterionId)! - position.get(b.criterionId)!);
      bid.sectionTotals.sort((a, b) => position.get(a.sectionId)! - position.get(b.sectionId)!);
    }
    const lotSources = new Map([...sources].filter(([key]) => ids.has(key.slice(0, key.indexOf('/')))));
    const provisional = !DECIDED.has(round.state) || [...lotSources.values()].some((s) => s === 'mean') || !results.complete;
    return { part, results, input, provisional, sources: lotSources };
  });
}

/** One lot's results (by default the whole of a round without lots): see loadLotResults. */
export async function loadResults(manager: EntityManager, round: Round, lotKey: string = NO_LOT): Promise<LoadedResults> {
  const lot = (await loadLotResults(manager, round)).find((r) => r.part.key === lotKey);
  if (!lot) throw new NotFoundError(AwardErrorCode.LotNotFound, 'Lot not found');
  return lot;
}

/**
 * The lot a caller asks about: a round with lots, the named lot (the first when none is named); a
 * round without lots, its one implicit lot (naming a lot is a mistake). 404 for a lot it does not have.
 */
export function chosenLot(round: Round, lotKey: string | undefined): string {
  if (!hasLots(round)) {
    if (lotKey) throw new NotFoundError(AwardErrorCode.LotNotFound, 'This round has no lots');
    return NO_LOT;
  }
  if (lotKey === undefined || lotKey === '') return round.lots![0].key;
  if (!round.lots!.some((l) => l.key === lotKey)) throw new NotFoundError(AwardErrorCode.LotNotFound, 'Lot not found');
  return lotKey;
}

/** The results of every lot of a round with lots; the round's own results otherwise (as before lots). */
export async function roundResultsDto(manager: EntityManager, round: Round): Promise<ResultsDto> {
  const lots = await loadLotResults(manager, round);
  if (!hasLots(round)) return toResultsDto(round, lots[0]);
  const each = lots.map((lot) => ({ ...toResultsDto(round, lot, lot.part.key), lot: lot.part.lot!, decision: decisionDto(decisionFor(round, lot.part.key)) }));
  const provisional = each.some((l) => l.provisional);
  return {
    provisional,
    basis: resultsBasis(provisional),
    scaleMax: round.scale.max,
    tieBreak: round.tieBreak,
    lowestCompliantPrice: null,
    complete: each.every((l) => l.complete),
    preferredBidId: null,
    bids: [],
    lots: each.map(({ scaleMax: _scale, tieBreak: _tieBreak, ...lot }) => lot),
  };
}

/** A lot's decision as the API shows it. */
function decisionDto(decision: LotDecision | null): LotDecisionDto | null {
  if (!decision) return null;
  return { outcome: decision.bidId ? 'awarded' : 'noAward', bidId: decision.bidId, topRanked: decision.topRanked, departureReason: decision.departureReason, noAwardReason: decision.noAwardReason, recordedAt: decision.recordedAt };
}

export function toResultsDto(round: Round, { results, provisional }: LoadedResults, lotKey: string = NO_LOT): ResultsDto {
  const preferred = preferredBidOf(round, lotKey);
  return {
    provisional,
    basis: resultsBasis(provisional),
    scaleMax: results.scaleMax,
    tieBreak: round.tieBreak,
    lowestCompliantPrice: results.lowestCompliantPrice,
    complete: results.complete,
    preferredBidId: preferred,
    bids: results.bids.map((bid) => ({
      ...bid,
      totalDisplay: toDisplay(bid.total),
      contributionsDisplay: {
        professional: toDisplay(bid.contributions.professional),
        youngPartner: toDisplay(bid.contributions.youngPartner),
        price: toDisplay(bid.contributions.price),
      },
      preferred: bid.id === preferred,
    })),
  };
}
