/** Refusals about the i-Statements library. */
export enum StatementsErrorCode {
  /** Only commissioners (or young partners) may do this with the library. */
  RoleNotAllowed = 'statements.role_not_allowed',
  /** No such workshop. */
  WorkshopNotFound = 'statements.workshop_not_found',
  /** No such statement. */
  NotFound = 'statements.not_found',
  /** The statement is already in the library. */
  AlreadyAccepted = 'statements.already_accepted',
  /** The CSV cannot be read or has no "statement" column. */
  CsvUnreadable = 'statements.csv_unreadable',
  /** Questions cite statements only while the round is a draft. */
  WrongStage = 'statements.wrong_stage',
  /** No such question. */
  QuestionNotFound = 'statements.question_not_found',
  /** A statement still waiting to be accepted cannot be cited. */
  NotAccepted = 'statements.not_accepted',
  /** There are no statements to import. */
  NothingToImport = 'statements.nothing_to_import',
  /** A statement row breaks a rule (length, group code, themes); `field` says which. */
  RowInvalid = 'statements.row_invalid',
}
