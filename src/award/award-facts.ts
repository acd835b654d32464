import type { EntityManager } from 'typeorm';
import { notAwarded, preferredBidOf } from '../round-core/lots.js';
import type { Round } from '../round-core/round.entity.js';
import { stillHolds, SummarySent } from './summary-records.entity.js';

/**
 * What the award tells the workflow (read by workflow-facts/): compliant (assessed) bidders whose
 * assessment summary has not been marked sent, or was sent naming another preferred bidder of their
 * lot. A lot decided as no award has no award notice, so its bidders need no summary.
 */
export async function summariesNotSent(manager: EntityManager, round: Round, bids: { id: string; supplierName: string; lotKey: string; compliance: string }[]): Promise<string[]> {
  const records = await manager.find(SummarySent, { where: { roundId: round.id }, select: { bidId: true, preferredBidId: true } });
  const lotOf = new Map(bids.map((b) => [b.id, b.lotKey]));
  const sent = new Set(records.filter((r) => stillHolds(r, preferredBidOf(round, lotOf.get(r.bidId) ?? ''))).map((s) => s.bidId));
  return bids.filter((b) => b.compliance === 'compliant' && !notAwarded(round, b.lotKey) && !sent.has(b.id)).map((b) => b.supplierName);
}
