import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { AuditEvent } from './audit-event.entity.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Only the events of this round' })
  @IsOptional() @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ description: 'Continue after this sequence number (paging)', default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 500, maximum: 5000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty() sequence: number;
  @ApiProperty({ nullable: true, type: String }) roundId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() occurredAt: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static from(event: AuditEvent): AuditEventDto {
    return { ...event, occurredAt: event.occurredAt.toISOString() };
  }
}

export class ChainBreakDto {
  @ApiProperty() sequence: number;
  @ApiProperty() problem: string;
}

export class VerifyResultDto {
  @ApiProperty() valid: boolean;
  @ApiProperty() eventsChecked: number;
  @ApiProperty({ description: 'Hash of the last event checked: note it down to detect later truncation' }) lastHash: string;
  @ApiProperty({ type: ChainBreakDto, nullable: true }) firstBreak: ChainBreakDto | null;
  @ApiProperty() checkedAt: string;
}
