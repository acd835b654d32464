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

export class DataMismatchDto {
  @ApiProperty() roundId: string;
  @ApiProperty({ example: 'scores' }) table: string;
  @ApiProperty() row: string;
  @ApiProperty({ nullable: true, type: String, description: 'The field that differs; null when the whole row is unknown to the trail or missing' }) field: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The event that last recorded it' }) sequence: number | null;
  @ApiProperty() problem: string;
}

export class DataCheckDto {
  @ApiProperty({ description: 'Every audited row (scores, consensus, bids, compliance, conflicts, panel, transitions, award decision) matches the trail' }) valid: boolean;
  @ApiProperty() rowsChecked: number;
  @ApiProperty() mismatchCount: number;
  @ApiProperty({ type: [DataMismatchDto], description: 'Every mismatch (the first 1,000)' }) mismatches: DataMismatchDto[];
}

export class VerifyResultDto {
  @ApiProperty({ description: 'The chain and the data both verify' }) valid: boolean;
  @ApiProperty({ description: 'Every event hashes to its recorded hash and links to the one before' }) chainValid: boolean;
  @ApiProperty() eventsChecked: number;
  @ApiProperty({ description: 'Hash stored in the last event: note it down to detect later truncation' }) lastHash: string;
  @ApiProperty({ description: 'Hash of the last event before the first break (equals lastHash when the chain verifies)' }) lastIntactHash: string;
  @ApiProperty({ type: ChainBreakDto, nullable: true }) firstBreak: ChainBreakDto | null;
  @ApiProperty({ type: DataCheckDto }) data: DataCheckDto;
  @ApiProperty() checkedAt: string;
}
