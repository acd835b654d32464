/**
 * Domain errors: services throw these, one filter maps them to HTTP (see http-exception.filter.ts).
 * Messages are written for the person who made the request; the `code` is for programs (and pages):
 * stable, one string per kind of refusal, listed in an `*ErrorCode` enum in each module's
 * `*error-codes.ts` and in the README (a test keeps the table and the enums the same).
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(readonly code: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

/** 404: does not exist, or the caller may not know it exists. */
export class NotFoundError extends DomainError {
  readonly status = 404;
}

/** 403: the caller is known to be allowed to see it, but not to do this. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** 403 for now: the caller will see this at a later stage of the round (e.g. individual marks once scoring has closed). */
export class NotYetVisibleError extends ForbiddenError {}

/** 401: not signed in, or the credentials are wrong. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
}

/** 409: illegal transition, duplicate, or someone else changed it first. */
export class ConflictError extends DomainError {
  readonly status = 409;
}

/** 410: a one-time link that was used or has expired. */
export class GoneError extends DomainError {
  readonly status = 410;
}

/** 422: well-formed, but breaks a business rule (e.g. weights sum to 95). */
export class BusinessRuleError extends DomainError {
  readonly status = 422;
}

/** 429: too many tries; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(code: string, message: string, readonly retryAfterSeconds: number) {
    super(code, message);
  }
}

/** A request the service cannot read at all (body too large, not JSON, wrong media type): the status says which. */
export class UnreadableRequestError extends DomainError {
  constructor(code: string, message: string, readonly status: number) {
    super(code, message);
  }
}

/** 503: a dependency (the database) is not reachable. */
export class UnavailableError extends DomainError {
  readonly status = 503;
}

/** Refusals a page shows as "not available to you", never with the data: 403 and 404 alike. */
export function isRefusal(error: unknown): error is ForbiddenError | NotFoundError {
  return error instanceof ForbiddenError || error instanceof NotFoundError;
}
