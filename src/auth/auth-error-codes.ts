/** Refusals while signing in and checking who is asking. */
export enum AuthErrorCode {
  /** No credentials were sent: sign in first. */
  SignInRequired = 'auth.sign_in_required',
  /** The sign-in has expired or is not valid: sign in again. */
  SessionExpired = 'auth.session_expired',
  /** The account does not hold the role this needs. */
  RoleRequired = 'auth.role_required',
  /** The email or password is not right. */
  WrongCredentials = 'auth.wrong_credentials',
  /** Too many sign-in (or invitation) attempts; wait for Retry-After seconds. */
  TooManyAttempts = 'auth.too_many_attempts',
}
