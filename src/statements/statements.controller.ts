import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { AddStatementDto, CitationsDto, ConsentDto, CoverageDto, ImportCsvDto, ImportListDto, ImportResultDto, QuestionCitationsDto, StatementSearchDto, StatementViewDto } from './statement.dto.js';
import { StatementsService } from './statements.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('statements')
@ApiSignedIn()
@Controller('api')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get('statements')
  @ApiOperation({ summary: 'Search the i-Statement library by theme (commissioners: all; young partners: shareable ones and their own)' })
  @ApiOkResponse({ type: [StatementViewDto] })
  list(@CurrentUser() user: User, @Query() search: StatementSearchDto): Promise<StatementViewDto[]> {
    return this.statements.list(user, search);
  }

  @Post('statements')
  @ApiOperation({ summary: "Add a statement (a commissioner's is accepted at once; a young partner's waits for a commissioner)" })
  @ApiCreatedResponse({ type: StatementViewDto })
  add(@CurrentUser() user: User, @Body() dto: AddStatementDto): Promise<StatementViewDto> {
    return this.statements.add(user, dto);
  }

  @Post('statements/:statementId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept a young partner's statement into the library (commissioners)" })
  @ApiOkResponse({ type: StatementViewDto })
  accept(@CurrentUser() user: User, @Param('statementId') statementId: string): Promise<StatementViewDto> {
    return this.statements.accept(user, statementId);
  }

  @Put('statements/:statementId/consent')
  @ApiOperation({ summary: 'Record consent given or withdrawn, with how it came about (commissioners); pages and exports follow it at once' })
  @ApiOkResponse({ type: StatementViewDto })
  setConsent(@CurrentUser() user: User, @Param('statementId') statementId: string, @Body() dto: ConsentDto): Promise<StatementViewDto> {
    return this.statements.setConsent(user, statementId, dto);
  }

  @Post('statements/import')
  @ApiOperation({ summary: "Import a workshop's statements from a pasted list, one per line (commissioners)" })
  @ApiCreatedResponse({ type: ImportResultDto })
  importList(@CurrentUser() user: User, @Body() dto: ImportListDto): Promise<ImportResultDto> {
    return this.statements.importList(user, dto);
  }

  @Post('statements/import-csv')
  @ApiOperation({ summary: "Import a workshop's statements from a CSV file (commissioners)" })
  @ApiCreatedResponse({ type: ImportResultDto })
  importCsv(@CurrentUser() user: User, @Body() dto: ImportCsvDto): Promise<ImportResultDto> {
    return this.statements.importCsv(user, dto);
  }

  @Put('rounds/:id/questions/:key/statements')
  @ApiOperation({ summary: 'Set the i-Statements a question answers (lead, draft only)' })
  @ApiOkResponse({ type: QuestionCitationsDto })
  setCitations(@CurrentUser() user: User, @Param('id') id: string, @Param('key') key: string, @Body() dto: CitationsDto): Promise<QuestionCitationsDto> {
    return this.statements.setCitations(user, id, key, dto);
  }

  @Get('rounds/:id/statement-coverage')
  @ApiOperation({ summary: "Each question's i-Statements, and the statements no question answers yet (lead and auditors)" })
  @ApiOkResponse({ type: CoverageDto })
  coverage(@CurrentUser() user: User, @Param('id') id: string): Promise<CoverageDto> {
    return this.statements.coverage(user, id);
  }
}
