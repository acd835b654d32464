import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { ContractsService } from './contracts.service.js';
import { ContractViewDto, DefineKpiDto, RecordPeriodDto, ReviewPeriodDto, UpdateKpiDto } from './kpi.dto.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('contract KPIs')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Get('contract')
  @ApiOperation({ summary: "The awarded contract's KPIs with each reporting period and the young partners' reviews (lead, auditors, the round's young partners)" })
  @ApiOkResponse({ type: ContractViewDto })
  contract(@CurrentUser() user: User, @Param('id') id: string): Promise<ContractViewDto> {
    return this.contracts.contract(user, id);
  }

  @Post('kpis')
  @ApiOperation({ summary: 'Set a KPI of the contract from the i-Statements it answers (lead, after the award decision)' })
  @ApiCreatedResponse({ type: ContractViewDto })
  define(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: DefineKpiDto): Promise<ContractViewDto> {
    return this.contracts.defineKpi(user, id, dto);
  }

  @Put('kpis/:kpiId')
  @ApiOperation({ summary: 'Change a KPI (lead, after the award decision; audited with the before and after)' })
  @ApiOkResponse({ type: ContractViewDto })
  update(@CurrentUser() user: User, @Param('id') id: string, @Param('kpiId') kpiId: string, @Body() dto: UpdateKpiDto): Promise<ContractViewDto> {
    return this.contracts.updateKpi(user, id, kpiId, dto);
  }

  @Post('kpis/:kpiId/periods')
  @ApiOperation({ summary: 'Record one reporting period: value, commentary, evidence reference (lead, once awarded)' })
  @ApiCreatedResponse({ type: ContractViewDto })
  recordPeriod(@CurrentUser() user: User, @Param('id') id: string, @Param('kpiId') kpiId: string, @Body() dto: RecordPeriodDto): Promise<ContractViewDto> {
    return this.contracts.recordPeriod(user, id, kpiId, dto);
  }

  @Put('kpi-periods/:periodId/review')
  @ApiOperation({ summary: 'Review a reporting period: "Is this what young people asked for?" yes, partly or not yet, with a comment (the round\'s young partners, once awarded)' })
  @ApiOkResponse({ type: ContractViewDto })
  review(@CurrentUser() user: User, @Param('id') id: string, @Param('periodId') periodId: string, @Body() dto: ReviewPeriodDto): Promise<ContractViewDto> {
    return this.contracts.review(user, id, periodId, dto);
  }
}
