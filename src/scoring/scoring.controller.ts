import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { ModerationCellDto, ModerationDto, ModerationQueryDto, RecordConsensusDto } from './moderation.dto.js';
import { ModerationService } from './moderation.service.js';
import { GroupProgressDto, MyScoreDto, MyScoringDto, MyScoringQueryDto, SaveScoreDto, SubmittedDto, WithdrawDto } from './scoring.dto.js';
import { ScoringService } from './scoring.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('scoring')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class ScoringController {
  constructor(private readonly scoring: ScoringService, private readonly moderation: ModerationService) {}

  @Get('my-scoring')
  @ApiOperation({ summary: 'What I must score, a page of organisations at a time: their questions in my words and answers, the mark descriptors, my drafts, progress over every page' })
  @ApiOkResponse({ type: MyScoringDto })
  myScoring(@CurrentUser() user: User, @Param('id') id: string, @Query() query: MyScoringQueryDto): Promise<MyScoringDto> {
    return this.scoring.myScoring(user, id, query);
  }

  @Put('bids/:bidId/scores/:criterionId')
  @ApiOperation({ summary: 'Save my mark and justification for one answer (a draft until I submit)' })
  @ApiOkResponse({ type: MyScoreDto })
  saveScore(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string, @Param('criterionId') criterionId: string, @Body() dto: SaveScoreDto): Promise<MyScoreDto> {
    return this.scoring.saveScore(user, id, bidId, criterionId, dto);
  }

  @Post('my-scoring/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit all my scores; after this they cannot be changed' })
  @ApiOkResponse({ type: SubmittedDto })
  @ApiUnprocessableEntityResponse({ description: 'Scores still missing, each named' })
  submit(@CurrentUser() user: User, @Param('id') id: string): Promise<SubmittedDto> {
    return this.scoring.submit(user, id);
  }

  @Get('scoring-progress')
  @ApiOperation({ summary: 'Who has submitted and who is outstanding, per group (lead and auditors; no marks)' })
  @ApiOkResponse({ type: [GroupProgressDto] })
  progress(@CurrentUser() user: User, @Param('id') id: string): Promise<GroupProgressDto[]> {
    return this.scoring.progress(user, id);
  }

  @Post('panel/:memberId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that a panel member has withdrawn, with the reason (lead)' })
  @ApiOkResponse({ type: [GroupProgressDto] })
  withdraw(@CurrentUser() user: User, @Param('id') id: string, @Param('memberId') memberId: string, @Body() dto: WithdrawDto): Promise<GroupProgressDto[]> {
    return this.scoring.withdraw(user, id, memberId, dto.reason);
  }

  @Get('moderation')
  @ApiOperation({ summary: 'A page of bids: per bid x question x group, individual marks, mean, spread, consensus; widest disagreement first' })
  @ApiOkResponse({ type: ModerationDto })
  moderationView(@CurrentUser() user: User, @Param('id') id: string, @Query() query: ModerationQueryDto): Promise<ModerationDto> {
    return this.moderation.view(user, id, query);
  }

  @Put('bids/:bidId/consensus/:criterionId')
  @ApiOperation({ summary: "Record a group's agreed mark with the reason (lead, in moderation)" })
  @ApiOkResponse({ type: ModerationCellDto })
  recordConsensus(@CurrentUser() user: User, @Param('id') id: string, @Param('bidId') bidId: string, @Param('criterionId') criterionId: string, @Body() dto: RecordConsensusDto): Promise<ModerationCellDto> {
    return this.moderation.record(user, id, bidId, criterionId, dto);
  }
}
