/** Refusals about young partners checking the questions before publication. */
export enum QuestionReviewErrorCode {
  /** The lead has already replied to this young partner's words about the question. */
  AlreadyReplied = 'question_review.already_replied',
  /** Accepting a "clear" answer needs the new wording. */
  WordingRequired = 'question_review.wording_required',
  /** No young partner with this id is on the panel. */
  MemberNotFound = 'question_review.member_not_found',
  /** No such suggestion in this round. */
  FeedbackNotFound = 'question_review.feedback_not_found',
  /** Only the round's young partners, its lead and auditors see the question check. */
  NotAllowed = 'question_review.not_allowed',
  /** Only the round's young partners check the questions. */
  YoungPartnersOnly = 'question_review.young_partners_only',
  /** The questions are checked while the round is a draft; `state` says where it is. */
  WrongStage = 'question_review.wrong_stage',
  /** No such question in this round. */
  QuestionNotFound = 'question_review.question_not_found',
}
