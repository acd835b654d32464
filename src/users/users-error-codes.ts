/** Refusals about accounts and invitations. */
export enum UsersErrorCode {
  /** A commissioner invites panellists only; other accounts are created by an administrator. */
  InviteNotAllowed = 'users.invite_not_allowed',
  /** An account with this email already exists. */
  EmailTaken = 'users.email_taken',
  /** No such user. */
  NotFound = 'users.not_found',
  /** An administrator cannot do this to their own account. */
  NotOnSelf = 'users.not_on_self',
  /** The invitation link is not valid. */
  InvitationNotFound = 'users.invitation_not_found',
  /** The invitation link has already been used. */
  InvitationUsed = 'users.invitation_used',
  /** The invitation link has expired. */
  InvitationExpired = 'users.invitation_expired',
  /** The invitation was taken back, or sent again with a newer link. */
  InvitationRevoked = 'users.invitation_revoked',
  /** No such invitation, or not one the caller may manage. */
  ManagedInvitationNotFound = 'users.managed_invitation_not_found',
  /** The invitation has already been accepted or taken back. */
  InvitationClosed = 'users.invitation_closed',
  /** The invited account has been disabled. */
  AccountDisabled = 'users.account_disabled',
}
