/** Refusals about young partners checking the questions before publication. */
export enum QuestionReviewErrorCode {
  /** The lead has already replied to this young partner's words about the question. */
  AlreadyReplied = 'questions.already_replied',
  /** Accepting a "clear" answer needs the new wording. */
  WordingRequired = 'questions.wording_required',
  /** No young partner with this id is on the panel. */
  MemberNotFound = 'questions.member_not_found',
  /** No such suggestion in this round. */
  FeedbackNotFound = 'questions.feedback_not_found',
  /** Only the round's young partners, its lead and auditors see the question check. */
  NotAllowed = 'questions.not_allowed',
  /** Only the round's young partners check the questions. */
  YoungPartnersOnly = 'questions.young_partners_only',
  /** The questions are checked while the round is a draft; `state` says where it is. */
  WrongStage = 'questions.wrong_stage',
  /** No such question in this round. */
  QuestionNotFound = 'questions.question_not_found',
}
