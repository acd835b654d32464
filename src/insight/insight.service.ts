import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Bid } from '../bids/bid.entity.js';
import type { ResultsDto } from '../award/results.dto.js';
import { assertResultsShown, chosenLot, loadResults, resultsBasis, toResultsDto, type LoadedResults } from '../award/results.service.js';
import { sensitivity, type Sensitivity } from '../results/sensitivity.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { SCORING_STARTED } from '../round-core/round-stages.js';
import { ConflictError } from '../common/errors.js';
import type { Round } from '../round-core/round.entity.js';
import { moderationCells } from '../scoring/moderation-cells.js';
import type { User } from '../users/user.entity.js';
import { panelConsistency, type PanelConsistency } from './panel-consistency.js';
import { describeSensitivity, type SensitivityWords } from './sensitivity-words.js';
import { InsightErrorCode } from './insight-error-codes.js';

export interface LoadedSensitivity {
  provisional: boolean;
  basis: string;
  /** Each evaluated bid's name and total, for the figures that name bids. */
  bids: { id: string; supplierName: string; total: string; rank: number | null; status: string }[];
  sensitivity: Sensitivity;
  words: SensitivityWords;
}

export interface LoadedConsistency extends PanelConsistency {
  /** Leniency compares with the agreed mark, or the group's mean where none is agreed yet. */
  basis: string;
}

/**
 * Panel insight for the lead and auditors: how robust the award is (from the results), and how
 * consistent the panel was (from the individual marks). Panellists never see either.
 */
@Injectable()
export class InsightService {
  constructor(private readonly commands: RoundCommands) {}

  /** A round with lots: one lot's (`lotKey`, default the first); each lot is awarded on its own. */
  sensitivity(user: User, roundId: string, lotKey?: string): Promise<LoadedSensitivity> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('how robust the results are'), async ({ manager, round, viewer }) => {
      assertResultsShown(round, viewer);
      return sensitivityOf(await loadResults(manager, round, chosenLot(round, lotKey)));
    });
  }

  /** The results and their sensitivity from one calculation (the results page shows both); a round with lots: one lot's. */
  resultsWithSensitivity(user: User, roundId: string, lotKey?: string): Promise<{ results: ResultsDto; sensitivity: LoadedSensitivity; lotKey: string }> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('results'), async ({ manager, round, viewer }) => {
      assertResultsShown(round, viewer);
      const key = chosenLot(round, lotKey);
      const loaded = await loadResults(manager, round, key);
      return { results: toResultsDto(round, loaded, key), sensitivity: sensitivityOf(loaded), lotKey: key };
    });
  }

  consistency(user: User, roundId: string): Promise<LoadedConsistency> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything("the panel's consistency"), async ({ manager, round, viewer }) => {
      if (!SCORING_STARTED.has(round.state)) throw new ConflictError(InsightErrorCode.WrongStage, 'Marks exist once scoring has started', { state: round.state });
      viewer.assertSeesIndividualMarks("panel's consistency");
      return loadConsistency(manager, round);
    });
  }
}

/** The sensitivity of results already loaded (the workbook has them). */
export function sensitivityOf({ results, input, provisional }: LoadedResults): LoadedSensitivity {
  const report = sensitivity(input);
  const bids = results.bids.filter((b) => b.status !== 'excluded').map((b) => ({ id: b.id, supplierName: b.supplierName, total: b.total, rank: b.rank, status: b.status }));
  return { provisional, basis: resultsBasis(provisional), bids, sensitivity: report, words: describeSensitivity(report, bids, input) };
}

/**
 * The panel's consistency from the marks that count, read through moderationCells (so whatever it
 * leaves out, such as a recused panellist's marks, is left out here too).
 */
export async function loadConsistency(manager: EntityManager, round: Round): Promise<LoadedConsistency> {
  // The practice bid's marks (calibration exercise) feed this view, and only this one.
  const cells = await moderationCells(manager, round, { withPractice: true, reasons: false });
  const report = panelConsistency(cells.map((c) => ({
    bidId: c.bidId, criterionId: c.criterionId, key: c.key, group: c.group,
    marks: c.marks.map((m) => ({ panelCode: m.panelCode, mark: m.mark, savedAt: m.savedAt })),
    groupMark: c.consensus ? c.consensus.mark : c.mean === null ? null : Number(c.mean),
  })));
  const practice = new Set((await manager.find(Bid, { where: { roundId: round.id, practice: true }, select: { id: true } })).map((b) => b.id));
  const agreed = cells.every((c) => c.consensus || practice.has(c.bidId));
  return {
    ...report,
    basis: agreed ? 'Against the agreed marks recorded in moderation.' : 'Against the agreed mark where one is recorded, otherwise the mean of the group’s marks (provisional).',
  };
}
