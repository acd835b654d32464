/**
 * Domain errors: services throw these, one filter maps them to HTTP (see http-exception.filter.ts).
 * Messages are written for the person who made the request.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
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
