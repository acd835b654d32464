import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthErrorCode } from '../auth/auth-error-codes.js';
import { CommonErrorCode } from '../common/common-error-codes.js';
import { DomainError, isRefusal } from '../common/errors.js';
import { toErrorBody } from '../common/http-exception.filter.js';
import { Views } from './views.js';

/** Codes that mean "sign in (again)": the page sends the visitor to the sign-in page. */
const SIGN_IN_AGAIN = new Set<string>([AuthErrorCode.SignInRequired, AuthErrorCode.SessionExpired, AuthErrorCode.WrongCredentials]);

/**
 * For pages: a refusal page for anything the visitor may not see (403, 404), never the data; a plain
 * explanation for the rest. Form handlers catch their own errors to show them beside the form.
 * It decides by the error's code (the same mapping as the API's), never by parsing the message.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebExceptionFilter');

  constructor(private readonly views: Views) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const { statusCode: status, code, message } = toErrorBody(exception);
    if (SIGN_IN_AGAIN.has(code)) {
      res.redirect(303, '/sign-in');
      return;
    }
    if (isRefusal(exception) || code === CommonErrorCode.RouteNotFound || (code === CommonErrorCode.RequestRefused && (status === 403 || status === 404))) {
      this.views.send(req, res, 'refused', { title: 'Not available', heading: 'This page is not available to you', reason: 'access' }, status);
      return;
    }
    if (code === AuthErrorCode.TooManyAttempts) {
      this.views.send(req, res, 'refused', { title: 'Too many tries', heading: 'Too many tries', reason: 'rate', message: 'Please wait a minute, then try again.' }, 429);
      return;
    }
    if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'Page failed');
    const shown = exception instanceof DomainError ? message
      : code === CommonErrorCode.RequestTooLarge ? 'That file is too big: a round definition can be up to 1 MB.'
      : code === CommonErrorCode.Internal ? 'Something went wrong on our side. Nothing was changed.' : 'That did not work.';
    this.views.send(req, res, 'refused', { title: 'That did not work', heading: 'That did not work', reason: 'error', message: shown, requestId: req.id ? String(req.id) : null }, status);
  }
}
