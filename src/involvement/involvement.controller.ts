import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { InvolvementDto, YoungPartnerDto } from './involvement.dto.js';
import { InvolvementService } from './involvement.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('record of involvement')
@ApiSignedIn()
@Controller('api/young-partners')
export class InvolvementController {
  constructor(private readonly involvement: InvolvementService) {}

  @Get()
  @ApiOperation({ summary: 'The young partners, each with a record of involvement (commissioners, auditors)' })
  @ApiOkResponse({ type: [YoungPartnerDto] })
  list(@CurrentUser() user: User): Promise<YoungPartnerDto[]> {
    return this.involvement.youngPartners(user);
  }

  @Get(':userId/involvement')
  @ApiOperation({ summary: 'A young partner\'s record of involvement: pieces of work, roles, dates, what they assessed, skills (themselves, commissioners, auditors; 404 to anyone else)' })
  @ApiOkResponse({ type: InvolvementDto })
  record(@CurrentUser() user: User, @Param('userId') userId: string): Promise<InvolvementDto> {
    return this.involvement.record(user, userId);
  }

  @Get(':userId/involvement.pdf')
  @ApiOperation({ summary: 'The record of involvement as a PDF to keep (same access as the record)' })
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: User, @Param('userId') userId: string): Promise<StreamableFile> {
    const { file, fileName } = await this.involvement.pdf(user, userId);
    return new StreamableFile(file, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: file.length });
  }
}
