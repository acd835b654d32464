import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { AuditEventDto, AuditQueryDto, VerifyResultDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('audit')
@ApiSignedIn()
@Controller('api/audit')
// The whole trail spans every round: auditors only. A round's lead reads its own under /api/rounds/:id/audit.
@Roles('auditor')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail in order, a page at a time' })
  @ApiOkResponse({ type: AuditEventDto, isArray: true })
  async list(@Query() query: AuditQueryDto): Promise<AuditEventDto[]> {
    const events = await this.audit.list({ roundId: query.roundId, afterSequence: query.after, limit: query.limit ?? 500 });
    return events.map(AuditEventDto.from);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain and name the first broken link' })
  @ApiOkResponse({ type: VerifyResultDto })
  verify(): Promise<VerifyResultDto> {
    return this.audit.verify();
  }
}
