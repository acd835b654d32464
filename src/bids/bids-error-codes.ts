/** Refusals about bids, practice bids and compliance. */
export enum BidsErrorCode {
  /** Bids (or compliance) are handled at another stage; `state` says where the round is. */
  WrongStage = 'bids.wrong_stage',
  /** The responses name questions the round does not ask, or are not text. */
  ResponsesInvalid = 'bids.responses_invalid',
  /** The received date is in the future, before publication or after the tender deadline. */
  ReceivedOutsideWindow = 'bids.received_outside_window',
  /** The price is missing, not wanted, or not above zero. */
  PriceInvalid = 'bids.price_invalid',
  /** The lot is missing in a round with lots, names none of its lots, or is given in a round without lots. */
  LotInvalid = 'bids.lot_invalid',
  /** A bid from this supplier is already registered (for this lot, in a round with lots). */
  SupplierTaken = 'bids.supplier_taken',
  /** The round already has a practice bid. */
  PracticeBidExists = 'bids.practice_bid_exists',
  /** A practice bid needs no compliance decision. */
  PracticeBidNotAssessed = 'bids.practice_bid_not_assessed',
  /** Excluding a bid needs a reason. */
  ReasonRequired = 'bids.reason_required',
  /** No such bid, or not visible to the caller. */
  NotFound = 'bids.not_found',
  /** Bids are sealed until the tender deadline has passed. */
  Sealed = 'bids.sealed',
}
