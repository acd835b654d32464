import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { BidImportService } from '../bid-import/bid-import.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { User } from '../users/user.entity.js';
import { Csrf } from './csrf.js';
import { refuseForgery } from './csrf.middleware.js';
import { formError } from './forms.js';
import { assertLeadOrAuditor } from './round-pages.controller.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

/** Up to this size through the page (the API takes JSON bodies of up to 1 MB). */
const MAX_FILE = 20 * 1024 * 1024;

/** Import bids from a spreadsheet: templates, upload, the checked preview, confirm. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/bid-import')
export class BidImportPagesController {
  constructor(private readonly views: Views, private readonly csrf: Csrf, private readonly rounds: RoundsService, private readonly imports: BidImportService) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('imported') imported?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: imported ? `${Number(imported)} bids registered from the file.` : null });
  }

  @Post()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE, files: 1 } }))
  async upload(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @UploadedFile() file?: { buffer: Buffer; originalname: string }): Promise<void> {
    // The token travels inside the multipart body, so it is checked here, once the body is parsed.
    if (!this.csrf.valid(req)) return refuseForgery(req, res, this.views);
    if (!file || file.buffer.length === 0) return this.show(user, req, res, id, { error: { message: 'Choose the filled-in template (.xlsx or .csv) to upload', list: [] } }, 400);
    try {
      const preview = await this.imports.check(user, id, file.originalname.slice(0, 200) || 'upload', file.buffer);
      await this.show(user, req, res, id, { preview }, preview.clean ? 200 : 422);
    } catch (error) {
      const problem = formError(error, { file: 'File' });
      await this.show(user, req, res, id, { error: problem }, problem.status);
    }
  }

  @Post(':uploadId/confirm')
  async confirm(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('uploadId') uploadId: string): Promise<void> {
    try {
      const result = await this.imports.confirm(user, id, uploadId);
      res.redirect(303, `/rounds/${id}/bid-import?imported=${result.imported}`);
    } catch (error) {
      const problem = formError(error);
      await this.show(user, req, res, id, { error: problem }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    this.views.send(req, res, 'bid-import', {
      title: `Import bids: ${round.title}`,
      round,
      isLead: round.yourRole === 'lead',
      open: round.state === 'tendering',
      preview: null, notice: null, error: null,
      ...extras,
    }, status);
  }
}
