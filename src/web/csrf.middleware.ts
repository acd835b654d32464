import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { refererPath, sessionCookie } from '../auth/auth.guard.js';
import { Sessions } from '../auth/sessions.js';
import { CSRF_HEADER, Csrf, pathOf } from './csrf.js';
import { CommonErrorCode } from '../common/common-error-codes.js';
import { Views } from './views.js';

@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  constructor(private readonly csrf: Csrf, private readonly views: Views, private readonly sessions: Sessions) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (!this.csrf.required(req) || this.csrf.valid(req)) return next();
    // A form from one of our pages opened before the sign-in ended: say that, not "did not come from this site".
    if (!pathOf(req).startsWith('/api/') && this.csrf.issuedToThisBrowser(req)) {
      const cookie = sessionCookie(req);
      const signedIn = cookie ? (await this.sessions.resume(cookie, 'cookie')) !== null : false;
      if (!signedIn) return refuseSignedOut(req, res, this.views);
    }
    refuseForgery(req, res, this.views);
  }
}

/** The form's page is where the words are kept (autosave.js): signing in again leads back there. */
export function refuseSignedOut(req: Request, res: Response, views: Views): void {
  const back = refererPath(req);
  views.send(req, res, 'refused', {
    title: 'You were signed out',
    heading: 'You were signed out',
    reason: 'signedOut',
    signIn: `/sign-in${back ? `?next=${encodeURIComponent(back)}` : ''}`,
  }, 401);
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

