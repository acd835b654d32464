import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER, Csrf, pathOf } from './csrf.js';
import { CommonErrorCode } from '../common/common-error-codes.js';
import { Views } from './views.js';

@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  constructor(private readonly csrf: Csrf, private readonly views: Views) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.csrf.required(req) || this.csrf.valid(req)) return next();
    refuseForgery(req, res, this.views);
  }
}

export function refuseForgery(req: Request, res: Response, views: Views): void {
  if (pathOf(req).startsWith('/api/')) {
    res.status(403).json({ statusCode: 403, code: CommonErrorCode.CsrfTokenMissing, error: 'Forbidden', message: `Send the page's CSRF token in the ${CSRF_HEADER} header`, requestId: (req as { id?: unknown }).id });
    return;
  }
  views.send(req, res, 'refused', {
    title: 'Please try that again',
    heading: 'Please try that again',
    reason: 'forgery',
  }, 403);
}

