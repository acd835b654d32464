import type { Round } from './round.entity.js';

/** A lot of a round: bids are for one lot each, and each lot is ranked and awarded on its own. */
export interface Lot {
  key: string;
  title: string;
  description: string;
  /** Estimated value in pounds as a decimal string, e.g. "3200000.00"; null when not published. */
  value: string | null;
}

/**
 * The lot key of every bid of a round without lots. Such a round is one implicit lot, so results,
 * ranking and the award run one code path; its API and pages never show the key.
 */
export const NO_LOT = '';

/** A lot as the calculation and the award see it: a round without lots has one, with `lot` null. */
export interface LotPart {
  key: string;
  lot: Lot | null;
}

export const hasLots = (round: Pick<Round, 'lots'>): boolean => (round.lots?.length ?? 0) > 0;

/** The round's lots in published order, or the one implicit lot of a round without lots. */
export function lotParts(round: Pick<Round, 'lots'>): LotPart[] {
  return hasLots(round) ? round.lots!.map((lot) => ({ key: lot.key, lot })) : [{ key: NO_LOT, lot: null }];
}

/** "L1 North Central" for a lot, for messages and headings. */
export const lotLabel = (lot: Pick<Lot, 'key' | 'title'>): string => `${lot.key} ${lot.title}`;

/**
 * The lot a request names for something that belongs to one lot (a bid, a contract's reporting period):
 * required and one of the round's lots when it has lots, left out (lot null) when it has none. Otherwise
 * the problem in words, which the caller throws with its own error code (field lotKey); `purpose`
 * finishes "lotKey must name the lot ...".
 */
export function namedLot(round: Pick<Round, 'lots'>, lotKey: string | undefined, purpose: string): { lot: Lot | null; problem?: never } | { problem: string } {
  if (!hasLots(round)) return lotKey === undefined ? { lot: null } : { problem: 'This round has no lots: leave lotKey out' };
  if (lotKey === undefined) return { problem: `This round has lots: lotKey must name the lot ${purpose} (${round.lots!.map((l) => l.key).join(', ')})` };
  const lot = round.lots!.find((l) => l.key === lotKey);
  return lot ? { lot } : { problem: `lotKey must be one of this round's lots: ${round.lots!.map(lotLabel).join('; ')}` };
}

/**
 * One lot's award decision: a preferred bidder (bidId), or no award with the lead's reason. A round
 * without lots keeps its single decision in `awardDecision` (as before lots existed); see decisionFor.
 */
export interface LotDecision {
  lotKey: string;
  /** The preferred bidder; null when the lot is not awarded. */
  bidId: string | null;
  topRanked: boolean;
  departureReason: string | null;
  /** Why the lot is not awarded (no eligible bid, or the lead's decision); null when it is. */
  noAwardReason: string | null;
  recordedAt: string;
  recordedById: string;
}

/** The decision recorded for a lot (NO_LOT: the round's own award decision), or null while undecided. */
export function decisionFor(round: Pick<Round, 'lots' | 'awardDecision' | 'lotDecisions'>, lotKey: string): LotDecision | null {
  if (lotKey === NO_LOT) return round.awardDecision ? { lotKey, noAwardReason: null, ...round.awardDecision } : null;
  return round.lotDecisions?.find((d) => d.lotKey === lotKey) ?? null;
}

/** The preferred bidder of a lot, or null (undecided, or no award). */
export const preferredBidOf = (round: Pick<Round, 'lots' | 'awardDecision' | 'lotDecisions'>, lotKey: string): string | null => decisionFor(round, lotKey)?.bidId ?? null;

/** A lot decided as no award: no award notice, so its bidders get no assessment summary. */
export const notAwarded = (round: Pick<Round, 'lots' | 'awardDecision' | 'lotDecisions'>, lotKey: string): boolean => decisionFor(round, lotKey)?.bidId === null;

/** Lots still without a decision, as labels (a round without lots: never, its decision is a preferred bid). */
export function lotsUndecided(round: Pick<Round, 'lots' | 'awardDecision' | 'lotDecisions'>): string[] {
  return hasLots(round) ? round.lots!.filter((lot) => !decisionFor(round, lot.key)).map(lotLabel) : [];
}

/** Whether any lot (or the round without lots) has a preferred bidder recorded. */
export const anyLotAwarded = (round: Pick<Round, 'lots' | 'awardDecision' | 'lotDecisions'>): boolean =>
  lotParts(round).some((part) => preferredBidOf(round, part.key) !== null);
