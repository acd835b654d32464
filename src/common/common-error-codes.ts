/** Codes of failures that belong to no feature: reading the request, routing, the database, the unexpected. */
export enum CommonErrorCode {
  /** The body or query failed validation; `errors` lists each field and what is wrong with it. */
  RequestInvalid = 'request.invalid',
  /** The body is not valid JSON. */
  RequestNotJson = 'request.not_json',
  /** The body could not be read (cut short, or a content encoding this service does not read). */
  RequestUnreadable = 'request.unreadable',
  /** The body is larger than the service accepts. */
  RequestTooLarge = 'request.too_large',
  /** The body is not JSON (Content-Type) or not UTF-8. */
  RequestUnsupportedMediaType = 'request.unsupported_media_type',
  /** No such route (a wrong path or method). */
  RouteNotFound = 'request.route_not_found',
  /** A page's form or script did not send its CSRF token. */
  CsrfTokenMissing = 'request.csrf_token_missing',
  /** Someone else changed the same record at the same time; reload and try again. */
  ConcurrentChange = 'request.concurrent_change',
  /** The record already exists (perhaps just created by another request). */
  Duplicate = 'request.duplicate',
  /** Any other refusal by the HTTP layer, with its status. */
  RequestRefused = 'request.refused',
  /** The database is not reachable (health check). */
  DatabaseUnavailable = 'service.database_unavailable',
  /** Something went wrong on the server; nothing was saved. */
  Internal = 'service.internal',
}
