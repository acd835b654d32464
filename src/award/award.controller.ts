import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AwardDecision } from '../round-core/round.entity.js';
import type { User } from '../users/user.entity.js';
import { AssessmentSummaryDto, MarkSentDto, ReasonNoteDto, SentRecordDto } from './assessment-summary.dto.js';
import { AwardService } from './award.service.js';
import { AwardDecisionDto, LotAwardDecisionDto, ResultsDto } from './results.dto.js';
import type { LotDecision } from '../round-core/lots.js';
import { ResultsService } from './results.service.js';
import { SummariesService, type SummariesOverview, type WeakReason } from './summaries.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('results and award')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class AwardController {
  constructor(private readonly results: ResultsService, private readonly award: AwardService, private readonly summaries: SummariesService) {}

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

  @Post('lots/:lotKey/award-decision')
  @HttpCode(200)
  @ApiOperation({ summary: "Record one lot's decision (lead, at the award decision stage, a round with lots): its preferred bidder, or no award with a reason" })
  @ApiOkResponse({ description: "The lot's recorded decision" })
  decideLot(@CurrentUser() user: User, @Param('id') id: string, @Param('lotKey') lotKey: string, @Body() dto: LotAwardDecisionDto): Promise<LotDecision> {
    return this.award.decideLot(user, id, lotKey, dto);
  }

  @Get('assessment-summaries')
  @ApiOperation({ summary: 'Each assessed bidder’s summary: sent or not, and the consensus reasons the reason check flagged (lead and auditors)' })
  @ApiOkResponse({ description: 'Summaries and weak reasons' })
  overview(@CurrentUser() user: User, @Param('id') id: string): Promise<SummariesOverview> {
    return this.summaries.overview(user, id);
  }

  @Post('reason-notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record why a flagged consensus reason stands as written (lead); improving it means recording a new consensus version' })
  noteReason(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: ReasonNoteDto): Promise<WeakReason> {
    return this.summaries.recordReasonNote(user, id, dto);
  }

  @Get('bids/:bidId/assessment-summary')
  @ApiOperation({ summary: "A bidder's assessment summary (PA23 s.50, reg 31): as sent once marked sent" })
  @ApiOkResponse({ type: AssessmentSummaryDto })
  async assessmentSummary(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string): Promise<AssessmentSummaryDto> {
    const { summary, sent } = await this.summaries.summary(user, id, bidId);
    return { ...summary, sent };
  }

  @Get('bids/:bidId/assessment-summary.pdf')
  @ApiOperation({ summary: "A bidder's assessment summary as a PDF to send" })
  @ApiProduces('application/pdf')
  async assessmentSummaryPdf(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string): Promise<StreamableFile> {
    const { file, fileName } = await this.summaries.pdf(user, id, bidId);
    return new StreamableFile(file, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: file.length });
  }

  @Post('bids/:bidId/assessment-summary/sent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a bidder’s summary sent (lead, before the award notice); refused while a flagged reason of the bid has no improvement or note' })
  @ApiOkResponse({ type: SentRecordDto })
  markSent(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string, @Body() dto: MarkSentDto): Promise<SentRecordDto> {
    return this.summaries.markSent(user, id, bidId, dto.sentOn);
  }
}
