/** Refusals about the clarification log. */
export enum ClarificationsErrorCode {
  /** A published clarification cannot be changed or published again, only superseded. */
  AlreadyPublished = 'clarifications.already_published',
  /** Only a published clarification can be superseded (change a draft instead). */
  NotPublished = 'clarifications.not_published',
  /** The clarification has already been superseded. */
  AlreadySuperseded = 'clarifications.already_superseded',
  /** A clarification needs an answer before it is published. */
  AnswerRequired = 'clarifications.answer_required',
  /** A date is in the future, out of order, or after the clarification deadline; `field` names it. */
  DateInvalid = 'clarifications.date_invalid',
  /** Clarifications are recorded while the round is open for tenders; `state` says where it is. */
  WrongStage = 'clarifications.wrong_stage',
  /** No such clarification in this round. */
  NotFound = 'clarifications.not_found',
  /** The round has no question with this key. */
  QuestionNotFound = 'clarifications.question_not_found',
}
