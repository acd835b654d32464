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
  @ApiProperty({ description: 'Orders every event of every chain' }) sequence: number;
  @ApiProperty({ description: "The chain the event belongs to: its round's id, or 'system'" }) chain: string;
  @ApiProperty({ description: 'Its place in its chain: 1, 2, 3... with no gaps' }) position: number;
  @ApiProperty({ nullable: true, type: String }) roundId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() occurredAt: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
  @ApiProperty({ nullable: true, type: String, description: 'For events from before per-round chains: their hash in the single chain' }) legacyHash: string | null;

  static from(event: AuditEvent): AuditEventDto {
    return { ...event, occurredAt: event.occurredAt.toISOString() };
  }
}

export class ChainBreakDto {
  @ApiProperty() sequence: number;
  @ApiProperty({ description: "The broken chain: a round's id, 'system', or 'legacy' (the single chain before the conversion)" }) chain: string;
  @ApiProperty({ nullable: true, type: String, description: 'The round whose chain is broken' }) roundId: string | null;
  @ApiProperty() problem: string;
}

export class LegacyChainDto {
  @ApiProperty() valid: boolean;
  @ApiProperty() events: number;
  @ApiProperty({ description: 'The last hash of the single chain: the one noted before the conversion' }) lastHash: string;
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
  @ApiProperty({ description: 'Every event of every chain checked hashes to its recorded hash, links to the one before, and matches the checkpoints' }) chainValid: boolean;
  @ApiProperty() eventsChecked: number;
  @ApiProperty({ description: "Hash at the head of the system chain, whose checkpoints record every round chain's head: note it down to detect later rewriting or truncation" }) lastHash: string;
  @ApiProperty({ description: 'Hash of the last event before the first break in its chain (equals lastHash when the chains verify)' }) lastIntactHash: string;
  @ApiProperty({ type: ChainBreakDto, nullable: true }) firstBreak: ChainBreakDto | null;
  @ApiProperty({ type: [ChainBreakDto], description: "Every broken chain's first break, named with its round" }) breaks: ChainBreakDto[];
  @ApiProperty({ description: 'The system chain and one per round' }) chainsChecked: number;
  @ApiProperty({ type: LegacyChainDto, nullable: true, description: 'The single chain from before per-round chains, recomputed over the converted events' }) legacy: LegacyChainDto | null;
  @ApiProperty({ type: DataCheckDto }) data: DataCheckDto;
  @ApiProperty() checkedAt: string;
}
