import type { Request, Response } from 'express';
import { AccessErrorCode } from '../round-core/access-error-codes.js';
import { AwardErrorCode } from '../award/award-error-codes.js';
import { DomainError } from '../common/errors.js';
import type { RoundDto } from '../rounds/round.dto.js';
import { ScoringErrorCode } from '../scoring/scoring-error-codes.js';
import type { Views } from './views.js';

/** The refusals that mean "later": the round has not reached the stage, or the visitor sees it at a later one. */
const NOT_YET = new Set<string>([AccessErrorCode.NotYetVisible, AwardErrorCode.WrongStage, ScoringErrorCode.WrongStage]);

/** A round tab that has nothing to show yet: which tab, and what the visitor is told instead. */
export interface NotYet {
  tab: string;
  heading: string;
  message: string;
}

/**
 * Loads what a round tab shows, or, when the round has not reached that stage or the visitor may
 * not see it yet (the codes below), sends the "not yet" page and returns null. One rule for every tab.
 */
export async function loadOrNotYet<T>(views: Views, req: Request, res: Response, round: RoundDto, page: NotYet, load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof DomainError && NOT_YET.has(error.code))) throw error;
    views.send(req, res, 'not-yet', { title: `${page.heading}: ${round.title}`, round, ...page });
    return null;
  }
}
