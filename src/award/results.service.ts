import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { ConflictError } from '../common/errors.js';
import { loadCriteriaTree } from '../criteria/criteria-tree.js';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { calculateResults, toDisplay, type GroupMarkInput, type ResultsInput, type RoundResults } from '../results/index.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { DECIDED, SCORING_STARTED } from '../round-core/round-stages.js';
import type { Round } from '../round-core/round.entity.js';
import { moderationCells } from '../scoring/moderation-cells.js';
import type { User } from '../users/user.entity.js';
import { ResultsDto } from './results.dto.js';

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
      return toResultsDto(round, await loadResults(manager, round));
    });
  }
}

/** When results (and what is derived from them) exist for the lead and auditors. */
/** Results exist once scoring has started; they are means of individual marks (provisional), so they are shown to whoever sees those. */
export function assertResultsShown(round: Round, viewer: RoundViewer): void {
  if (!SCORING_STARTED.has(round.state)) throw new ConflictError('Results exist once scoring has started', { state: round.state });
  viewer.assertSeesIndividualMarks('results');
}

/**
 * Runs the pure calculation on the round's data: each group's consensus mark where recorded, otherwise
 * (provisionally) the exact mean of the submitted individual marks.
 */
export async function loadResults(manager: EntityManager, round: Round): Promise<LoadedResults> {
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
  const input: ResultsInput = {
    scaleMax: round.scale.max,
    sections: tree,
    bids: bids.map((b) => ({ id: b.id, supplierName: b.supplierName, price: b.price, compliant: b.compliance === 'compliant' })),
    marks,
    tieBreak: { rule: round.tieBreak.rule },
  };
  const results = calculateResults(input);
  // The calculation orders lines by key; show them in the published order instead.
  const position = new Map(tree.flatMap((section) => [section.id, ...section.questions.map((q) => q.id)]).map((id, i) => [id, i]));
  for (const bid of results.bids) {
    bid.lines.sort((a, b) => position.get(a.criterionId)! - position.get(b.criterionId)!);
    bid.sectionTotals.sort((a, b) => position.get(a.sectionId)! - position.get(b.sectionId)!);
  }
  const provisional = !DECIDED.has(round.state) || [...sources.values()].some((s) => s === 'mean') || !results.complete;
  return { results, input, provisional, sources };
}

export function toResultsDto(round: Round, { results, provisional }: LoadedResults): ResultsDto {
  const preferred = round.awardDecision?.bidId ?? null;
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
