import { Controller, Get } from '@nestjs/common';
import { CommonErrorCode } from '../common/common-error-codes.js';
import { UnavailableError } from '../common/errors.js';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { Database } from '../database/database.js';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: { kind: 'sqlite', status: 'up' } }) database: { kind: string; status: 'up' };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database readiness' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async check(): Promise<HealthDto> {
    try {
      await this.db.read((manager) => manager.query('SELECT 1'));
    } catch {
      throw new UnavailableError(CommonErrorCode.DatabaseUnavailable, 'The database is not reachable');
    }
    return { status: 'ok', database: { kind: this.db.kind, status: 'up' } };
  }
}
