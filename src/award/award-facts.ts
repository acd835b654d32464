import type { EntityManager } from 'typeorm';
import type { Round } from '../round-core/round.entity.js';
import { stillHolds, SummarySent } from './summary-records.entity.js';

/**
 * What the award tells the workflow (read by workflow-facts/): compliant (assessed) bidders whose
 * assessment summary has not been marked sent, or was sent naming another preferred bidder.
 */
export async function summariesNotSent(manager: EntityManager, round: Round, bids: { id: string; supplierName: string; compliance: string }[]): Promise<string[]> {
  const records = await manager.find(SummarySent, { where: { roundId: round.id }, select: { bidId: true, preferredBidId: true } });
  const sent = new Set(records.filter((r) => stillHolds(r, round)).map((s) => s.bidId));
  return bids.filter((b) => b.compliance === 'compliant' && !sent.has(b.id)).map((b) => b.supplierName);
}
