/** Refusals of the access policy (RoundViewer). */
export enum AccessErrorCode {
  /** The round does not exist, or the caller may not know it exists. */
  RoundNotFound = 'access.round_not_found',
  /** Only the round lead may do this. */
  LeadOnly = 'access.lead_only',
  /** Only a member of this round's panel may do this. */
  PanelOnly = 'access.panel_only',
  /** Only the round lead and auditors may see this. */
  LeadOrAuditorOnly = 'access.lead_or_auditor_only',
  /** Visible at a later stage of the round (e.g. individual marks once scoring has closed); `state` says where it is. */
  NotYetVisible = 'access.not_yet_visible',
  /** Separation of duties: this person may not hold that place on the panel. */
  SeparationOfDuties = 'access.separation_of_duties',
  /** Only the round lead, auditors and the round's young partners may see this (the contract, "you said, we did"). */
  YoungPartnersLeadOrAuditorOnly = 'access.young_partners_lead_or_auditor_only',
  /** Only the round's young partners may do this. */
  YoungPartnersOnly = 'access.young_partners_only',
}
