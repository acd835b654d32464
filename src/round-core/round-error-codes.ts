/** Refusals about a round as a whole: its definition, its stage, its version. */
export enum RoundErrorCode {
  /** Someone else changed this round at the same time; reload and try again. */
  ConcurrentChange = 'round.concurrent_change',
  /** The definition breaks the evaluation rules; `problems` lists them. */
  DefinitionBreaksRules = 'round.definition_breaks_rules',
  /** The criteria break the evaluation rules; `problems` lists them. */
  CriteriaBreakRules = 'round.criteria_break_rules',
  /** A round with this reference already exists. */
  ReferenceTaken = 'round.reference_taken',
  /** This can be done only at another stage of the round; `state` says where it is. */
  WrongStage = 'round.wrong_stage',
  /** A new tender deadline must be in the future. */
  DeadlineInPast = 'round.deadline_in_past',
  /** The workflow does not allow this event now; `allowedEvents` and `reasons` say why. */
  TransitionNotAllowed = 'round.transition_not_allowed',
}
