import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
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
      throw new HttpException('The database is not reachable', HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', database: { kind: this.db.kind, status: 'up' } };
  }
}
