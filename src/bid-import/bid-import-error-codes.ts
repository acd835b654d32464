/** Refusals about importing bids from a spreadsheet. */
export enum BidImportErrorCode {
  /** No checked file with this id: upload the file and check it first. */
  UploadNotFound = 'imports.upload_not_found',
  /** The file no longer passes the checks; `problems` lists them and nothing was imported. */
  FileHasProblems = 'imports.file_has_problems',
  /** Bids are imported while the round is open for tenders, before the tender deadline; `state` says where it is. */
  WrongStage = 'imports.wrong_stage',
  /** The file cannot be read as a spreadsheet or CSV. */
  FileUnreadable = 'imports.file_unreadable',
}
