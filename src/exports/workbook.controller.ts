import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { WorkbookService, XLSX_CONTENT_TYPE } from './workbook.service.js';
import { ExportAbortedError } from './exceljs-internals.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('exports')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class WorkbookController {
  constructor(private readonly workbooks: WorkbookService) {}

  @Get('workbook.xlsx')
  @ApiOperation({ summary: "The auditor's scoring workbook: method, every mark, moderation, the calculation as live formulas, results, history and audit trail (lead and auditors)" })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'An Excel workbook, streamed', schema: { type: 'string', format: 'binary' } })
  @ApiForbiddenResponse({ description: 'Panellists cannot download it' })
  @ApiNotFoundResponse({ description: 'No such round, or not visible to you' })
  @ApiConflictResponse({ description: 'Scoring has not started yet (for the lead: has not closed yet)' })
  @ApiUnprocessableEntityResponse({ description: 'More marks or audit events than an Excel sheet can hold' })
  async download(@CurrentUser() user: User, @Param('id') id: string, @Res() response: Response): Promise<void> {
    const download = await this.workbooks.start(user, id);
    response.status(200);
    response.setHeader('Content-Type', XLSX_CONTENT_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="${download.filename}"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      await this.workbooks.write(download, response);
    } catch (error) {
      if (!(error instanceof ExportAbortedError)) throw error;
    }
  }
}
