import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { ERROR_PAGES, type ErrorPages, wantsPage } from './error-pages.js';
import { CommonErrorCode } from './common-error-codes.js';
import { DomainError } from './errors.js';
import { RequestValidationError } from './validation.js';

export interface ErrorBody {
  statusCode: number;
  /** Stable, for programs: see the `*ErrorCode` enums and the README table. */
  code: string;
  error: string;
  message: string;
  requestId?: string;
  [key: string]: unknown;
}

/** The one place that turns any failure into a response. Never leaks stacks or SQL. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(@Optional() @Inject(ERROR_PAGES) private readonly pages?: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    if (this.pages && wantsPage(request)) return this.pages.catch(exception, host);
    const response = http.getResponse<Response>();
    const body = toErrorBody(exception);
    body.requestId = request.id ? String(request.id) : undefined;
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}

/** The one mapping from a failure to its status, code and words; the pages use it too. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof RequestValidationError) {
    return { statusCode: 400, code: CommonErrorCode.RequestInvalid, error: 'Bad Request', message: 'The request is not valid', errors: exception.errors };
  }
  if (exception instanceof DomainError) {
    return { statusCode: exception.status, code: exception.code, error: STATUS_CODES[exception.status] ?? 'Error', message: exception.message, ...exception.details };
  }
  if (exception instanceof OptimisticLockVersionMismatchError) {
    return { statusCode: 409, code: CommonErrorCode.ConcurrentChange, error: 'Conflict', message: 'Someone else changed this at the same time; reload and try again' };
  }
  if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
    return { statusCode: 409, code: CommonErrorCode.Duplicate, error: 'Conflict', message: 'This already exists (it may have just been created by another request)' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    const message = typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
    return { statusCode: status, code: HTTP_CODES[status] ?? (status >= 500 ? CommonErrorCode.Internal : CommonErrorCode.RequestRefused), error: STATUS_CODES[status] ?? 'Error', message };
  }
  return { statusCode: 500, code: CommonErrorCode.Internal, error: 'Internal Server Error', message: 'Something went wrong; the change was not saved' };
}

/** Nest's own refusals (an unknown route, a body the parser refused) carry only a status. */
const HTTP_CODES: Record<number, CommonErrorCode> = {
  400: CommonErrorCode.RequestUnreadable,
  404: CommonErrorCode.RouteNotFound,
  413: CommonErrorCode.RequestTooLarge,
  415: CommonErrorCode.RequestUnsupportedMediaType,
};

function isUniqueViolation(error: QueryFailedError): boolean {
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
