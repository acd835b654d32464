import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { ComplianceStatus } from './bid.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A price in pounds as typed: up to 12 digits, optionally pence. */
export const PRICE_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

export class RegisterBidDto {
  @ApiProperty({ example: 'Safer Futures CIC' }) @Transform(trim) @IsString() @Length(1, 200)
  supplierName: string;

  @ApiPropertyOptional({ example: 'L1', description: 'The lot the bid is for: required when the round has lots (one of its lot keys), refused otherwise' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 20, { message: 'lotKey must be a lot key such as L1' })
  lotKey?: string;

  @ApiPropertyOptional({ example: '1745000.00', description: 'Total price in pounds as a decimal string (required when the round has a price question)' })
  @IsOptional() @Matches(PRICE_PATTERN, { message: 'price must be an amount in pounds such as 1745000.00' })
  price?: string;

  @ApiProperty({ example: { Q1: 'Our approach…' }, description: "The bid's answer to each question, by question key" })
  @IsObject()
  responses: Record<string, string>;

  @ApiPropertyOptional({ description: 'When the bid arrived (defaults to now); must be on or before the tender deadline' })
  @IsOptional() @IsISO8601({ strict: true })
  receivedAt?: string;
}

export class PracticeBidDto {
  @ApiProperty({ example: 'Practice: Sunrise Youth Services', description: 'A made-up organisation; the page marks it as practice' }) @Transform(trim) @IsString() @Length(1, 200)
  supplierName: string;

  @ApiProperty({ example: { Q1: 'We will…' }, description: 'Its answer to each question, by question key' })
  @IsObject()
  responses: Record<string, string>;
}

export class ComplianceDecisionDto {
  @ApiProperty({ enum: ['compliant', 'excluded'] }) @IsIn(['compliant', 'excluded'])
  decision: 'compliant' | 'excluded';

  @ApiPropertyOptional({ description: 'Required to exclude: the failed check, by reference to the bid' })
  @IsOptional() @Transform(trim) @IsString() @Length(5, 2000)
  reason?: string;
}

export class BidDto {
  @ApiProperty() id: string;
  @ApiProperty() supplierName: string;
  @ApiPropertyOptional({ example: 'L1', description: 'The lot the bid is for (only in a round with lots)' }) lotKey?: string;
  @ApiPropertyOptional({ description: 'Only for the lead, auditors and panellists holding the price envelope' }) price?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Shown to a panellist only once they have declared their conflicts' }) responses?: Record<string, string>;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ enum: ['pending', 'compliant', 'excluded'] }) compliance: ComplianceStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) complianceReason?: string | null;
  @ApiProperty({ description: 'A practice bid (calibration exercise): scored first, never in the award' }) practice: boolean;
}

/**
 * Bids per page of the API's list unless asked otherwise: large enough that a round of ordinary size
 * (a few to 30 bids) comes whole, as before paging; a larger round is read a page at a time.
 */
export const BIDS_PAGE = 100;

export class BidsQueryDto {
  @ApiPropertyOptional({ description: 'Which page of bids (1 is the first)', default: 1, minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Bids per page', default: BIDS_PAGE, minimum: 1, maximum: BIDS_PAGE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(BIDS_PAGE)
  perPage?: number;
}

/** A page of the bids someone sees, in the order they were received, with the totals over every page. */
export interface BidsPage {
  items: BidDto[];
  /** Bids the reader sees, on every page. */
  total: number;
  page: number;
  perPage: number;
  pages: number;
  /** Whether the round has a practice bid (on any page): only one is allowed. */
  practiceBid: boolean;
}
