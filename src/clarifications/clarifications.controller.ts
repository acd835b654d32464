import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { ClarificationDto, PublishClarificationDto, RecordClarificationDto, SupersedeClarificationDto } from './clarification.dto.js';
import { ClarificationsService } from './clarifications.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('clarifications')
@ApiSignedIn()
@Controller('api/rounds/:id/clarifications')
export class ClarificationsController {
  constructor(private readonly clarifications: ClarificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The clarification log: all of it, with who asked, for the lead and auditors; the published answers (never who asked) for the panel' })
  @ApiOkResponse({ type: [ClarificationDto] })
  list(@CurrentUser() user: User, @Param('id') id: string): Promise<ClarificationDto[]> {
    return this.clarifications.list(user, id);
  }

  @Post()
  @ApiOperation({ summary: 'Record a clarification question as received, with or without its answer (lead, while tendering, by the clarification deadline)' })
  @ApiCreatedResponse({ type: ClarificationDto })
  record(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: RecordClarificationDto): Promise<ClarificationDto> {
    return this.clarifications.record(user, id, dto);
  }

  @Put(':clarificationId')
  @ApiOperation({ summary: 'Correct a clarification not yet published (lead, while tendering); a published one is superseded instead' })
  @ApiOkResponse({ type: ClarificationDto })
  update(@CurrentUser() user: User, @Param('id') id: string, @Param('clarificationId') clarificationId: string, @Body() dto: RecordClarificationDto): Promise<ClarificationDto> {
    return this.clarifications.update(user, id, clarificationId, dto);
  }

  @Post(':clarificationId/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the answer was published to all bidders (lead, while tendering); from then on it cannot be edited' })
  @ApiOkResponse({ type: ClarificationDto })
  publish(@CurrentUser() user: User, @Param('id') id: string, @Param('clarificationId') clarificationId: string, @Body() dto: PublishClarificationDto): Promise<ClarificationDto> {
    return this.clarifications.publish(user, id, clarificationId, dto);
  }

  @Post(':clarificationId/supersede')
  @ApiOperation({ summary: 'Replace a published answer with a corrected one, published as a new clarification that points back to it (lead, while tendering)' })
  @ApiCreatedResponse({ type: ClarificationDto })
  supersede(@CurrentUser() user: User, @Param('id') id: string, @Param('clarificationId') clarificationId: string, @Body() dto: SupersedeClarificationDto): Promise<ClarificationDto> {
    return this.clarifications.supersede(user, id, clarificationId, dto);
  }
}
