/** Refusals about young partners' records of involvement. */
export enum InvolvementErrorCode {
  /** No such record, or not visible to the caller (only the young partner, commissioners and auditors). */
  RecordNotFound = 'involvement.record_not_found',
  /** Only commissioners and auditors list the young partners. */
  ListNotAllowed = 'involvement.list_not_allowed',
}
