/** Refusals about results, the award decision and assessment summaries. */
export enum AwardErrorCode {
  /** Not possible at this stage of the round; `state` says where it is. */
  WrongStage = 'award.wrong_stage',
  /** The results are not final: every mark needs a recorded consensus. */
  ResultsProvisional = 'award.results_provisional',
  /** No such bid (or question) in the results. */
  BidNotFound = 'award.bid_not_found',
  /** The chosen bid cannot be awarded. */
  NotEligible = 'award.not_eligible',
  /** Departing from the ranking (or a tie-break) needs a reason. */
  DepartureReasonRequired = 'award.departure_reason_required',
  /** No such lot in the round. */
  LotNotFound = 'award.lot_not_found',
  /** The round has lots: each lot's decision is recorded on its own. */
  DecidedPerLot = 'award.decided_per_lot',
  /** A lot's decision names a preferred bidder or no award with a reason, not both or neither. */
  LotDecisionInvalid = 'award.lot_decision_invalid',
  /** The summary was already marked sent. */
  SummaryAlreadySent = 'award.summary_already_sent',
  /** The date sent cannot be in the future. */
  SentInFuture = 'award.sent_in_future',
  /** Weak reasons need improving or a note first; `weakReasons` lists them. */
  WeakReasons = 'award.weak_reasons',
  /** No flagged reason for that bid, question and group. */
  FlaggedReasonNotFound = 'award.flagged_reason_not_found',
  /** A note is already recorded for this version of the reason. */
  NoteExists = 'award.note_exists',
}
