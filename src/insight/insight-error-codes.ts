/** Refusals of the panel-consistency view. */
export enum InsightErrorCode {
  /** Marks exist once scoring has started. */
  WrongStage = 'insight.wrong_stage',
}
