import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { AuditEventDto, AuditQueryDto, VerifyResultDto } from '../audit/audit.dto.js';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { CriteriaDto, RoundDefinitionDto, TimetableDto } from './round-definition.dto.js';
import { ConflictsAssessmentDto, HistoryEntryDto, RoundDto, RoundEventDto, RoundSummaryDto, TransitionResultDto, WorkflowDto } from './round.dto.js';
import { RoundsService } from './rounds.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('rounds')
@ApiSignedIn()
@ApiNotFoundResponse({ description: 'No such round, or not visible to you' })
@Controller('api/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @Roles('commissioner')
  @ApiOperation({ summary: 'Create a round from a definition (the shape of fixtures/rounds/*.json); you become its lead' })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiUnprocessableEntityResponse({ description: 'Weights do not sum to 100 at some level, or another evaluation rule is broken (problems listed)' })
  create(@CurrentUser() user: User, @Body() definition: RoundDefinitionDto): Promise<RoundDto> {
    return this.rounds.create(user, definition);
  }

  @Get()
  @ApiOperation({ summary: 'Rounds you lead, sit on the panel of, or audit' })
  @ApiOkResponse({ type: [RoundSummaryDto] })
  list(@CurrentUser() user: User): Promise<RoundSummaryDto[]> {
    return this.rounds.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The round: state, allowed events, what blocks each next step, timetable, criteria, panel' })
  @ApiOkResponse({ type: RoundDto })
  get(@CurrentUser() user: User, @Param('id') id: string): Promise<RoundDto> {
    return this.rounds.get(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the round on (lead only)' })
  @ApiOkResponse({ type: TransitionResultDto })
  @ApiConflictResponse({ description: 'Not possible now: the current state, the event, the events allowed now and the reasons' })
  sendEvent(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: RoundEventDto): Promise<TransitionResultDto> {
    return this.rounds.sendEvent(user, id, dto.type, dto.reason);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every move of the round: who, when, from, to, why' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  history(@CurrentUser() user: User, @Param('id') id: string): Promise<HistoryEntryDto[]> {
    return this.rounds.history(user, id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: "The round's audit events in order (lead and auditors)" })
  @ApiOkResponse({ type: [AuditEventDto] })
  audit(@CurrentUser() user: User, @Param('id') id: string, @Query() query: AuditQueryDto): Promise<AuditEventDto[]> {
    return this.rounds.auditTrail(user, id, { afterSequence: query.after, limit: query.limit ?? 500 });
  }

  @Get(':id/audit/verify')
  @ApiOperation({ summary: 'Recompute the hash chain the round’s events belong to and name the first broken link (lead and auditors)' })
  @ApiOkResponse({ type: VerifyResultDto })
  verifyAudit(@CurrentUser() user: User, @Param('id') id: string): Promise<VerifyResultDto> {
    return this.rounds.verifyAudit(user, id);
  }

  @Get(':id/workflow')
  @ApiOperation({ summary: "The round's workflow as states and transitions, for drawing, with the current state" })
  @ApiOkResponse({ type: WorkflowDto })
  workflow(@CurrentUser() user: User, @Param('id') id: string): Promise<WorkflowDto> {
    return this.rounds.workflow(user, id);
  }

  @Put(':id/criteria')
  @ApiOperation({ summary: 'Replace the criteria tree (lead, draft only)' })
  @ApiOkResponse({ type: RoundDto })
  replaceCriteria(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: CriteriaDto): Promise<RoundDto> {
    return this.rounds.replaceCriteria(user, id, dto.criteria);
  }

  @Put(':id/timetable')
  @ApiOperation({ summary: 'Set a new tender deadline, in the future (lead, draft only)' })
  @ApiOkResponse({ type: RoundDto })
  changeTimetable(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: TimetableDto): Promise<RoundDto> {
    return this.rounds.changeTimetable(user, id, dto.tenderDeadline);
  }

  @Post(':id/conflicts-assessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the PA23 s.83 conflicts assessment (lead, before publishing)' })
  @ApiOkResponse({ type: RoundDto })
  conflictsAssessment(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: ConflictsAssessmentDto): Promise<RoundDto> {
    return this.rounds.recordConflictsAssessment(user, id, dto.summary);
  }
}
