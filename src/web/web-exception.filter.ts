import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/errors.js';
import { Views } from './views.js';

/**
 * For pages: a refusal page for anything the visitor may not see (403, 404), never the data; a plain
 * explanation for the rest. Form handlers catch their own errors to show them beside the form.
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
    const status = exception instanceof DomainError ? exception.status : exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 401) {
      res.redirect(303, '/sign-in');
      return;
    }
    if (status === 403 || status === 404) {
      this.views.send(req, res, 'refused', { title: 'Not available', heading: 'This page is not available to you', reason: 'access' }, status);
      return;
    }
    if (status === 429) {
      this.views.send(req, res, 'refused', { title: 'Too many tries', heading: 'Too many tries', reason: 'rate', message: 'Please wait a minute, then try again.' }, 429);
      return;
    }
    if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'Page failed');
    const message = exception instanceof DomainError ? exception.message
      : status === 413 ? 'That file is too big: a round definition can be up to 1 MB.'
      : status >= 500 ? 'Something went wrong on our side. Nothing was changed.' : 'That did not work.';
    this.views.send(req, res, 'refused', { title: 'That did not work', heading: 'That did not work', reason: 'error', message, requestId: req.id ? String(req.id) : null }, status);
  }
}
