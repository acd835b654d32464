import { Controller, Get, Ip, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { AcceptInvitationDto, LoginDto } from '../accounts/auth.dto.js';
import { Page, SESSION_COOKIE, sessionCookie, sessionCookieOptions } from '../auth/auth.guard.js';
import { AuthService } from '../accounts/auth.service.js';
import { InvitationRateLimitGuard, LoginRateLimitGuard } from '../auth/login-rate-limit.guard.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { Sessions } from '../auth/sessions.js';
import { DomainError } from '../common/errors.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../accounts/users.service.js';
import { formError, formFields, safeNext, validated } from './forms.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

type WebRequest = Request & { user?: User };

/** Sign-in, sign-out and accepting an invitation: the session is the API's JWT in an HttpOnly cookie. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller()
export class AuthPagesController {
  constructor(private readonly views: Views, private readonly auth: AuthService, private readonly users: UsersService, private readonly sessions: Sessions) {}

  @Public()
  @Get('sign-in')
  signInPage(@Req() req: WebRequest, @Res() res: Response, @Query('next') next?: string, @Query('expired') expired?: string, @Query('signedOut') signedOut?: string): void {
    if (req.user) return res.redirect(303, safeNext(next));
    this.views.send(req, res, 'sign-in', {
      title: 'Sign in',
      next: safeNext(next, ''),
      notice: expired ? 'You were signed out after a while without activity. Please sign in again.' : signedOut ? 'You have signed out. See you soon!' : null,
      email: '',
    });
  }

  @Public()
  @UseGuards(LoginRateLimitGuard)
  @Post('sign-in')
  async signIn(@Req() req: WebRequest, @Res() res: Response, @Ip() ip: string): Promise<void> {
    const fields = formFields(req);
    const next = safeNext(fields.next, '');
    try {
      const dto = await validated(LoginDto, { email: fields.email ?? '', password: fields.password ?? '' });
      const session = await this.auth.signIn(dto.email, dto.password, ip, 'cookie');
      res.cookie(SESSION_COOKIE, session.accessToken, sessionCookieOptions(req, session.expiresIn));
      res.redirect(303, next || '/');
    } catch (error) {
      const status = error instanceof DomainError && error.status === 401 ? 401 : formError(error, { email: 'Email', password: 'Password' }).status;
      this.views.send(req, res, 'sign-in', {
        title: 'Sign in',
        next,
        email: fields.email ?? '',
        error: { message: "That email and password don't match. Check them and try again." },
      }, status);
    }
  }

  /** Ends the session on the server, not only in this browser: a copy of the cookie stops working too. */
  @Public()
  @Post('sign-out')
  async signOut(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const cookie = sessionCookie(req);
    const sessionId = cookie ? await this.sessions.sessionIdOf(cookie) : null;
    if (sessionId) await this.sessions.end(sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/sign-in?signedOut=1');
  }

  /** Every session of the signed-in person ends: other browsers, and API tokens too. */
  @Post('sign-out-everywhere')
  async signOutEverywhere(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.auth.signOutEverywhere(req.user!);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/sign-in?signedOut=1');
  }

  @Public()
  @Get('invitations/:token')
  invitationPage(@Req() req: WebRequest, @Res() res: Response, @Param('token') token: string): void {
    this.views.send(req, res, 'invitation', { title: 'Set your password', token, minPassword: MIN_PASSWORD_LENGTH });
  }

  @Public()
  @UseGuards(InvitationRateLimitGuard)
  @Post('invitations/:token')
  async acceptInvitation(@Req() req: WebRequest, @Res() res: Response, @Param('token') token: string): Promise<void> {
    const fields = formFields(req);
    try {
      if ((fields.password ?? '') !== (fields.confirm ?? '')) {
        return this.views.send(req, res, 'invitation', { title: 'Set your password', token, minPassword: MIN_PASSWORD_LENGTH, error: { message: 'The two passwords are not the same. Please type them again.', fields: { confirm: 'Type the same password again' } } }, 400);
      }
      const dto = await validated(AcceptInvitationDto, { password: fields.password ?? '' });
      const user = await this.users.acceptInvitation(token, dto.password);
      const session = await this.auth.session(user, 'cookie');
      res.cookie(SESSION_COOKIE, session.accessToken, sessionCookieOptions(req, session.expiresIn));
      res.redirect(303, '/?welcome=1');
    } catch (error) {
      // An unknown, used or expired link is said plainly on this public page: there is nothing to hide.
      const problem = error instanceof DomainError && (error.status === 404 || error.status === 410)
        ? { status: error.status, message: error.message }
        : formError(error, { password: 'Password' });
      this.views.send(req, res, 'invitation', { title: 'Set your password', token, minPassword: MIN_PASSWORD_LENGTH, error: problem }, problem.status);
    }
  }
}
