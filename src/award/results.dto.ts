import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { LotViewDto } from '../round-core/lot.dto.js';

export class ContributionsDto {
  @ApiProperty({ description: "The professionals' share of the points" }) professional: string;
  @ApiProperty({ description: "The young partners' share of the points" }) youngPartner: string;
  @ApiProperty({ description: 'Points from the price formula' }) price: string;
}

export class BidResultDto {
  @ApiProperty() id: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ nullable: true, type: String }) price: string | null;
  @ApiProperty({ enum: ['ranked', 'disqualified', 'excluded'] }) status: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty() tie: boolean;
  @ApiProperty({ description: 'Exact total out of 100' }) total: string;
  @ApiProperty({ example: '72.35', description: 'The total rounded to 2 places, as displayed' }) totalDisplay: string;
  @ApiProperty({ type: ContributionsDto, description: "Each group's contribution to the total (exact); they add up to the total" }) contributions: ContributionsDto;
  @ApiProperty({ type: ContributionsDto }) contributionsDisplay: ContributionsDto;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per question: effective weight, group marks, blended mark, weighted score, contributions' }) lines: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) sectionTotals: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Questions below their published minimum mark' }) thresholdFailures: unknown[];
  @ApiProperty() complete: boolean;
  @ApiProperty() preferred: boolean;
}

export class LotDecisionDto {
  @ApiProperty({ enum: ['awarded', 'noAward'] }) outcome: 'awarded' | 'noAward';
  @ApiProperty({ nullable: true, type: String, description: 'The preferred bidder; null for no award' }) bidId: string | null;
  @ApiProperty() topRanked: boolean;
  @ApiProperty({ nullable: true, type: String }) departureReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the lot is not awarded' }) noAwardReason: string | null;
  @ApiProperty() recordedAt: string;
}

export class LotResultsDto {
  @ApiProperty({ type: LotViewDto }) lot: LotViewDto;
  @ApiProperty({ type: LotDecisionDto, nullable: true, description: "The lot's award decision; null until recorded" }) decision: LotDecisionDto | null;
  @ApiProperty() provisional: boolean;
  @ApiProperty() basis: string;
  @ApiProperty({ nullable: true, type: String, description: "The lowest compliant price among this lot's bids (the price formula's numerator)" }) lowestCompliantPrice: string | null;
  @ApiProperty() complete: boolean;
  @ApiProperty({ nullable: true, type: String }) preferredBidId: string | null;
  @ApiProperty({ type: () => [BidResultDto], description: "This lot's bids: ranked first, then disqualified, then excluded" }) bids: BidResultDto[];
}

export class ResultsDto {
  @ApiProperty({ description: 'True until moderation has closed with a consensus for every mark' }) provisional: boolean;
  @ApiProperty() basis: string;
  @ApiProperty() scaleMax: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) tieBreak: unknown;
  @ApiProperty({ nullable: true, type: String }) lowestCompliantPrice: string | null;
  @ApiProperty() complete: boolean;
  @ApiProperty({ nullable: true, type: String }) preferredBidId: string | null;
  @ApiProperty({ type: [BidResultDto], description: 'Ranked bids first, then disqualified, then excluded (empty for a round with lots: see lots)' }) bids: BidResultDto[];
  @ApiPropertyOptional({ type: [LotResultsDto], description: 'Only for a round with lots: each lot ranked on its own bids, in published order' }) lots?: LotResultsDto[];
}

export class AwardDecisionDto {
  @ApiProperty({ description: 'The preferred bidder' }) @IsUUID()
  bidId: string;

  @ApiPropertyOptional({ description: 'Required when the preferred bidder is not the top-ranked eligible bid' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(20, 4000, { message: 'departureReason must explain the departure in at least 20 characters' })
  departureReason?: string;
}

export class LotAwardDecisionDto {
  @ApiPropertyOptional({ description: "The lot's preferred bidder (one of its bids); leave out to record no award" }) @IsOptional() @IsUUID()
  bidId?: string;

  @ApiPropertyOptional({ description: "Required when the preferred bidder is not the lot's top-ranked eligible bid" })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(20, 4000, { message: 'departureReason must explain the departure in at least 20 characters' })
  departureReason?: string;

  @ApiPropertyOptional({ description: 'No award for this lot: why (no eligible bid, or the reasoned decision), instead of bidId' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(20, 4000, { message: 'noAwardReason must explain why the lot is not awarded in at least 20 characters' })
  noAwardReason?: string;
}
