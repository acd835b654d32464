/** Refusals that only the pages give (the API has its own forms of these inputs). */
export enum WebErrorCode {
  /** No definition file was chosen or pasted. */
  DefinitionMissing = 'web.definition_missing',
  /** An uploaded file is larger than the form accepts. */
  UploadTooLarge = 'web.upload_too_large',
  /** The definition is not valid JSON. */
  DefinitionNotJson = 'web.definition_not_json',
  /** Nobody has an account with that email (or none was typed). */
  PersonNotFound = 'web.person_not_found',
  /** The page is for the round lead and auditors. */
  LeadOrAuditorOnly = 'web.lead_or_auditor_only',
  /** A weight typed in the draft's weights table is not a number from 0 to 100. */
  WeightInvalid = 'web.weight_invalid',
  /** The page is for the round lead. */
  LeadOnly = 'web.lead_only',
  /** No date and time was given for the tender deadline. */
  DeadlineMissing = 'web.deadline_missing',
}
