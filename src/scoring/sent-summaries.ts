import type { EntityManager } from 'typeorm';

/**
 * Whether a bid's assessment summary has gone out naming this preferred bidder: from then on its
 * consensus reasons are what the bidder read, so they may no longer be reworded. award/ keeps those
 * records and provides this; it builds on scoring, so scoring asks through this port, not an import.
 */
export abstract class SentSummaries {
  abstract sentFor(manager: EntityManager, bidId: string, preferredBidId: string): Promise<boolean>;
}
