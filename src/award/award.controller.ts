import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AwardDecision } from '../rounds/round.entity.js';
import type { User } from '../users/user.entity.js';
import { AssessmentSummaryDto } from './assessment-summary.dto.js';
import { AwardService } from './award.service.js';
import { AwardDecisionDto, ResultsDto } from './results.dto.js';
import { ResultsService } from './results.service.js';

@ApiTags('results and award')
@ApiBearerAuth()
@Controller('api/rounds/:id')
export class AwardController {
  constructor(private readonly results: ResultsService, private readonly award: AwardService) {}

  @Get('results')
  @ApiOperation({ summary: 'Weighted results, ranking, thresholds and each group’s contribution (lead and auditors)' })
  @ApiOkResponse({ type: ResultsDto })
  getResults(@CurrentUser() user: User, @Param('id') id: string): Promise<ResultsDto> {
    return this.results.results(user, id);
  }

  @Post('award-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the preferred bidder (lead, at the award decision stage)' })
  @ApiOkResponse({ description: 'The recorded decision' })
  decide(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: AwardDecisionDto): Promise<AwardDecision> {
    return this.award.decide(user, id, dto.bidId, dto.departureReason);
  }

  @Get('bids/:bidId/assessment-summary')
  @ApiOperation({ summary: "A bidder's assessment summary (PA23 s.50, reg 31)" })
  @ApiOkResponse({ type: AssessmentSummaryDto })
  assessmentSummary(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string): Promise<AssessmentSummaryDto> {
    return this.award.assessmentSummary(user, id, bidId);
  }
}
