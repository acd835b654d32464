/** Refusals of the scoring workbook. */
export enum ExportsErrorCode {
  /** The workbook exists once scoring has started. */
  WrongStage = 'exports.wrong_stage',
  /** The round has more rows than an Excel sheet holds. */
  TooLarge = 'exports.too_large',
}
