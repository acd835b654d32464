/** Refusals while scoring, withdrawing and moderating. */
export enum ScoringErrorCode {
  /** Scores (or consensus) can be recorded only at another stage; `state` says where the round is. */
  WrongStage = 'scoring.wrong_stage',
  /** Declare your conflicts of interest before you score. */
  ConflictsNotDeclared = 'scoring.conflicts_not_declared',
  /** The scores were submitted and can no longer change. */
  AlreadySubmitted = 'scoring.already_submitted',
  /** No such bid for this panellist or in the moderation. */
  BidNotFound = 'scoring.bid_not_found',
  /** No such scored question. */
  QuestionNotFound = 'scoring.question_not_found',
  /** The panellist's group does not score this question. */
  NotYourGroup = 'scoring.not_your_group',
  /** A consensus was sent for a group that does not score this question. */
  GroupDoesNotScore = 'scoring.group_does_not_score',
  /** The mark is above the round's scale. */
  MarkAboveScale = 'scoring.mark_above_scale',
  /** Some scores are still missing; `missing` lists them. */
  ScoresMissing = 'scoring.scores_missing',
  /** No such panel member. */
  MemberNotFound = 'scoring.member_not_found',
  /** The member has already withdrawn. */
  AlreadyWithdrawn = 'scoring.already_withdrawn',
  /** A consensus needs a reason here. */
  ReasonRequired = 'scoring.reason_required',
  /** A consensus was already recorded: send its version to change it. */
  ConsensusExists = 'scoring.consensus_exists',
  /** There is no recorded consensus to change yet. */
  NoConsensusYet = 'scoring.no_consensus_yet',
  /** At the award decision a consensus keeps its mark. */
  ConsensusMarkFixed = 'scoring.consensus_mark_fixed',
  /** The assessment summary was already sent with this reason. */
  SummaryAlreadySent = 'scoring.summary_already_sent',
  /** Someone else changed this consensus at the same time. */
  ConcurrentChange = 'scoring.concurrent_change',
}
