import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { XLSX_CONTENT_TYPE } from '../exports/workbook.service.js';
import type { User } from '../users/user.entity.js';
import { ImportPreviewDto, ImportResultDto, UploadBidFileDto } from './bid-import.dto.js';
import { BidImportService } from './bid-import.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('bids')
@ApiSignedIn()
@Controller('api/rounds/:id/bid-import')
export class BidImportController {
  constructor(private readonly imports: BidImportService) {}

  @Get('template.xlsx')
  @ApiOperation({ summary: 'The import template made from the round: one row per bid; supplier name, price, received at, one column per question key with the question text in the heading note (lead)' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(@CurrentUser() user: User, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { body, fileName } = await this.imports.template(user, id, 'xlsx');
    res.type(XLSX_CONTENT_TYPE).attachment(fileName).send(body);
  }

  @Get('template.csv')
  @ApiOperation({ summary: 'The same template as CSV; each question heading is its key followed by the question text (lead)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async csv(@CurrentUser() user: User, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { body, fileName } = await this.imports.template(user, id, 'csv');
    res.type('text/csv; charset=utf-8').attachment(fileName).send(body);
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a filled-in template (xlsx or csv, base64) as a whole: every problem with its row, column and reason, and the bids it would register. Saves no bid; a clean file gets an uploadId to confirm (lead, while tendering, before the deadline)' })
  @ApiOkResponse({ type: ImportPreviewDto })
  check(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: UploadBidFileDto): Promise<ImportPreviewDto> {
    return this.imports.check(user, id, dto.fileName, Buffer.from(dto.content, 'base64'));
  }

  @Post(':uploadId/confirm')
  @ApiOperation({ summary: 'Register every bid of a clean, checked file in one transaction, one audit event per bid (lead, while tendering, before the deadline)' })
  @ApiCreatedResponse({ type: ImportResultDto })
  confirm(@CurrentUser() user: User, @Param('id') id: string, @Param('uploadId') uploadId: string): Promise<ImportResultDto> {
    return this.imports.confirm(user, id, uploadId);
  }
}
