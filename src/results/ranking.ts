import { exactString, toDisplay, type Decimal } from './exact.js';
import type { TieBreakRule, TieInfo } from './model.js';
import { bySupplierName } from './order.js';

/** What ranking needs to know about one eligible bid. */
export interface Rankable {
  id: string;
  supplierName: string;
  total: Decimal;
  qualityScore: Decimal;
  youngPartner: Decimal;
  price: Decimal | null;
}

export interface Placing {
  rank: number;
  tie: boolean;
  tieBreak: TieInfo | null;
}

const RULE_NAMES: Record<TieBreakRule, string> = {
  highestQualityScore: 'highest quality score',
  lowestPrice: 'lowest price',
  highestYoungPartnerContribution: 'highest young partner contribution',
};

/** Negative when a wins the published tie-break against b, positive when b wins, 0 when it cannot separate them. */
export function compareByTieBreak(rule: TieBreakRule, a: Rankable, b: Rankable): number {
  switch (rule) {
    case 'highestQualityScore':
      return b.qualityScore.cmp(a.qualityScore);
    case 'highestYoungPartnerContribution':
      return b.youngPartner.cmp(a.youngPartner);
    case 'lowestPrice':
      // A bid without a price cannot win on price.
      if (a.price === null || b.price === null) return (a.price === null ? 1 : 0) - (b.price === null ? 1 : 0);
      return a.price.cmp(b.price);
  }
}

function tieBreakValue(rule: TieBreakRule, bid: Rankable): string {
  switch (rule) {
    case 'highestQualityScore':
      return toDisplay(bid.qualityScore);
    case 'highestYoungPartnerContribution':
      return toDisplay(bid.youngPartner);
    case 'lowestPrice':
      return bid.price === null ? 'no price' : exactString(bid.price);
  }
}

const names = (bids: readonly Rankable[]) => bids.map((b) => b.supplierName).join(', ');

/**
 * Standard competition ranking ("1224"): a bid's rank is 1 + the number of eligible bids that beat it.
 * A bid beats another with a higher total, or with an equal total and a win under the published
 * tie-break rule (only that rule: there is no second, unpublished criterion). Bids the rule cannot
 * separate share the rank, and the next rank is skipped: totals 80, 80, 70 with an unresolved tie
 * rank 1, 1, 3. Depends only on the values, never on the order the bids arrive in.
 */
export function rankBids(bids: readonly Rankable[], rule: TieBreakRule): Map<string, Placing> {
  const beats = (a: Rankable, b: Rankable) => {
    const byTotal = a.total.cmp(b.total);
    return byTotal > 0 || (byTotal === 0 && compareByTieBreak(rule, a, b) < 0);
  };
  const placings = new Map<string, Placing>();
  for (const bid of bids) {
    const rank = 1 + bids.filter((other) => beats(other, bid)).length;
    const tiedOnTotal = bids.filter((other) => other !== bid && other.total.eq(bid.total)).sort(bySupplierName);
    const sharesRank = tiedOnTotal.filter((other) => compareByTieBreak(rule, other, bid) === 0);
    placings.set(bid.id, {
      rank,
      tie: sharesRank.length > 0,
      tieBreak: tiedOnTotal.length === 0 ? null : {
        rule,
        outcome: sharesRank.length > 0 ? 'tieUnresolved' : 'tieBreakApplied',
        tiedOnTotalWith: tiedOnTotal.map((b) => b.id),
        sharesRankWith: sharesRank.map((b) => b.id),
        explanation: explain(rule, bid, rank, tiedOnTotal, sharesRank),
      },
    });
  }
  return placings;
}

function explain(rule: TieBreakRule, bid: Rankable, rank: number, tiedOnTotal: Rankable[], sharesRank: Rankable[]): string {
  const values = [bid, ...tiedOnTotal].sort(bySupplierName).map((b) => `${b.supplierName} ${tieBreakValue(rule, b)}`).join(', ');
  const head = `Same total (${toDisplay(bid.total)}) as ${names(tiedOnTotal)}; published tie-break, ${RULE_NAMES[rule]}: ${values}.`;
  return sharesRank.length === 0
    ? `${head} The tie-break places ${bid.supplierName} at rank ${rank}.`
    : `${head} The tie-break does not separate ${bid.supplierName} from ${names(sharesRank)}: they share rank ${rank}.`;
}
