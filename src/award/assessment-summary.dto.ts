import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PANEL_GROUPS, type PanelGroup } from '../domain/panel-group.js';

export class CriterionAssessmentDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The section and its weighting, as published' }) section: { key: string; title: string; weighting: string };
  @ApiProperty({ description: "The question's weight within its section, exactly as published (percent)" }) publishedWeighting: string;
  @ApiProperty({ description: 'Percent of the whole, exact (never rounded)', example: '18.315' }) weighting: string;
  @ApiProperty() availableMarks: number;
  @ApiProperty({ nullable: true, type: String }) score: string | null;
  @ApiProperty() weightedScore: string;
  @ApiProperty({ type: [String], description: 'The consensus reasons by group, by reference to the bid; for price, the formula' }) reasons: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) winnerScore?: string | null;
  @ApiPropertyOptional() winnerWeightedScore?: string;
}

export class SentRecordDto {
  @ApiProperty({ example: '2027-03-01' }) sentOn: string;
  @ApiProperty({ description: 'SHA-256 of the PDF sent' }) sha256: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;
}

export class AssessmentSummaryDto {
  @ApiProperty({ example: { reference: 'LVRP-2027-014', title: '…', route: 'pa23-open' } }) round: { reference: string; title: string; route: string };
  @ApiProperty() bidId: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: ['preferred bidder', 'unsuccessful', 'excluded', 'disqualified'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) exclusionReason: string | null;
  @ApiProperty({ description: 'Rounded to 2 places' }) total: string;
  @ApiProperty({ description: 'Exact' }) totalExact: string;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty() scaleMax: number;
  @ApiProperty({ type: [CriterionAssessmentDto] }) criteria: CriterionAssessmentDto[];
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) winner: { supplierName: string; total: string; totalExact: string } | null;
  @ApiProperty({ type: [String], description: 'Where the preferred bidder scored higher, and whether the totals or the tie-break decided' }) whyNotSuccessful: string[];
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'When the ranking against the preferred bidder was decided by the published tie-break: the rule and the values compared' }) tieBreak: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Standstill working days, calendar and end' }) standstill: unknown;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ nullable: true, type: SentRecordDto, description: 'Set once the lead has marked it sent; the summary is then the one sent' }) sent: SentRecordDto | null;
}

export class MarkSentDto {
  @ApiPropertyOptional({ description: 'The London date it was sent (YYYY-MM-DD); today when left out' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'sentOn must be a date written YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'sentOn must be a real date' })
  sentOn?: string;
}

export class ReasonNoteDto {
  @ApiProperty() @IsUUID() bidId: string;
  @ApiProperty() @IsUUID() criterionId: string;
  @ApiProperty({ enum: PANEL_GROUPS }) @IsIn(PANEL_GROUPS) group: PanelGroup;
  @ApiProperty({ description: 'Why the reason stands as written' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(20, 4000, { message: 'note must say why the reason stands, in at least 20 characters' })
  note: string;
}
