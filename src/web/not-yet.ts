import type { Request, Response } from 'express';
import { ConflictError, NotYetVisibleError } from '../common/errors.js';
import type { RoundDto } from '../rounds/round.dto.js';
import type { Views } from './views.js';

/** A round tab that has nothing to show yet: which tab, and what the visitor is told instead. */
export interface NotYet {
  tab: string;
  heading: string;
  message: string;
}

/**
 * Loads what a round tab shows, or, when the round has not reached that stage (409) or the visitor may
 * not see it yet (NotYetVisibleError), sends the "not yet" page and returns null. One rule for every tab.
 */
export async function loadOrNotYet<T>(views: Views, req: Request, res: Response, round: RoundDto, page: NotYet, load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ConflictError || error instanceof NotYetVisibleError)) throw error;
    views.send(req, res, 'not-yet', { title: `${page.heading}: ${round.title}`, round, ...page });
    return null;
  }
}
