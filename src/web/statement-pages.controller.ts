import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { StatementAccess } from '../round-core/round-viewer.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { AddStatementDto, CitationsDto, ConsentDto, ImportCsvDto, ImportListDto, StatementSearchDto } from '../statements/statement.dto.js';
import { StatementsService } from '../statements/statements.service.js';
import type { User } from '../users/user.entity.js';
import { Csrf } from './csrf.js';
import { refuseForgery } from './csrf.middleware.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { FileUpload, refuseOversizeUpload } from './uploads.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const NOTICES: Record<string, string> = {
  added: 'The statement is in the library.',
  sent: 'Thank you! We have got it. Someone from the team will check it and add it.',
  accepted: 'Accepted: the statement is in the library.',
  imported: "The workshop's statements are in the library.",
  consent: 'Consent recorded: pages and exports follow it from now on.',
};

const FIELD_NAMES = { text: 'What was said', themes: 'Themes', groupCode: 'Group code', consent: 'Consent', title: 'Workshop title', heldOn: 'Date', ranBy: 'Run by', participants: 'How many took part', list: 'Statements', csv: 'CSV file' };

/**
 * The i-Statement library pages: commissioners search, add, import and accept; a young partner gets one
 * page, in plain words, to tell us something young people said and to see what they have sent.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('statements')
export class StatementPagesController {
  constructor(private readonly views: Views, private readonly csrf: Csrf, private readonly statements: StatementsService) {}

  @Get()
  async library(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Query('theme') theme?: string, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, { theme: theme ?? '', notice: notice ? NOTICES[notice] ?? null : null });
  }

  @Post()
  async add(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(AddStatementDto, { text: fields.text ?? '', consent: fields.consent === 'yes', ...(fields.themes?.trim() ? { themes: fields.themes } : {}), ...(fields.groupCode?.trim() ? { groupCode: fields.groupCode } : {}) });
      const added = await this.statements.add(user, dto);
      res.redirect(303, `/statements?notice=${added.status === 'proposed' ? 'sent' : 'added'}`);
    } catch (error) {
      const problem = formError(error, FIELD_NAMES);
      await this.show(user, req, res, { error: problem, errorFor: 'add', form: fields }, problem.status);
    }
  }

  @Post(':statementId/accept')
  async accept(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('statementId') statementId: string): Promise<void> {
    try {
      await this.statements.accept(user, statementId);
      res.redirect(303, '/statements?notice=accepted');
    } catch (error) {
      const problem = formError(error);
      await this.show(user, req, res, { error: problem, errorFor: 'accept' }, problem.status);
    }
  }

  @Post(':statementId/consent')
  async consent(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('statementId') statementId: string): Promise<void> {
    const fields = formFields(req);
    try {
      await this.statements.setConsent(user, statementId, await validated(ConsentDto, { consent: fields.consent === 'yes', reason: fields.reason ?? '' }));
      res.redirect(303, `/statements?notice=consent#s-${statementId}`);
    } catch (error) {
      const problem = formError(error, { reason: 'How it came about' });
      await this.show(user, req, res, { error: problem, errorFor: 'consent' }, problem.status);
    }
  }

  @Post('import')
  async importList(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response): Promise<void> {
    const fields = formFields(req);
    try {
      const dto = await validated(ImportListDto, { workshop: workshopOf(fields), list: fields.list ?? '', groupCode: fields.groupCode ?? '', consent: fields.consent === 'yes', ...(fields.themes?.trim() ? { themes: fields.themes } : {}) });
      await this.statements.importList(user, dto);
      res.redirect(303, '/statements?notice=imported');
    } catch (error) {
      const problem = formError(error, FIELD_NAMES);
      await this.show(user, req, res, { error: problem, errorFor: 'import', form: fields }, problem.status);
    }
  }

  @Post('import-csv')
  @UseInterceptors(FileUpload('file'))
  async importCsv(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @UploadedFile() file?: { buffer: Buffer }): Promise<void> {
    // The token travels inside the multipart body, so it is checked here, once the body is parsed.
    if (!this.csrf.valid(req)) return refuseForgery(req, res, this.views);
    const fields = formFields(req);
    try {
      refuseOversizeUpload(req, 'a list of statements');
      const dto = await validated(ImportCsvDto, { workshop: workshopOf(fields), csv: file?.buffer.toString('utf8') ?? '', ...(fields.groupCode?.trim() ? { groupCode: fields.groupCode } : {}) });
      await this.statements.importCsv(user, dto);
      res.redirect(303, '/statements?notice=imported');
    } catch (error) {
      const problem = formError(error, FIELD_NAMES);
      await this.show(user, req, res, { error: problem, errorFor: 'csv', form: fields }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, extras: Record<string, unknown>, status = 200): Promise<void> {
    const search = await validated(StatementSearchDto, extras.theme ? { theme: extras.theme } : {});
    const found = await this.statements.list(user, search);
    const data = { ...NOTHING_POSTED, theme: '', ...extras };
    if (StatementAccess.manages(user)) {
      const waiting = found.filter((s) => s.status === 'proposed');
      const themes = [...new Set(found.flatMap((s) => s.themes))].sort();
      this.views.send(req, res, 'statements', { title: 'i-Statements: what young people said', statements: found.filter((s) => s.status === 'accepted'), waiting, themes, ...data }, status);
    } else {
      this.views.send(req, res, 'statement-add', { title: 'Tell us what young people said', narrow: true, plain: true, yours: found.filter((s) => s.yours), ...data }, status);
    }
  }
}

/** Citations from the round page: the lead ticks the statements a question answers. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/questions/:key/statements')
export class CitationPagesController {
  constructor(private readonly statements: StatementsService) {}

  @Post()
  async cite(@CurrentUser() user: User, @Res() res: Response, @Req() req: Request, @Param('id') id: string, @Param('key') key: string): Promise<void> {
    const posted = (req.body as { statementIds?: unknown }).statementIds;
    const statementIds = (Array.isArray(posted) ? posted : posted === undefined ? [] : [posted]).filter((v): v is string => typeof v === 'string');
    const dto = await validated(CitationsDto, { statementIds });
    await this.statements.setCitations(user, id, key, dto);
    res.redirect(303, `/rounds/${id}?notice=cited#statements`);
  }
}

const workshopOf = (fields: Record<string, string>) => ({ title: fields.title ?? '', heldOn: fields.heldOn ?? '', ranBy: fields.ranBy ?? '', participants: fields.participants ?? '' });
