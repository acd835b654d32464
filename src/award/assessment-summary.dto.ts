import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CriterionAssessmentDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Percent of the whole' }) weighting: string;
  @ApiProperty() availableMarks: number;
  @ApiProperty({ nullable: true, type: String }) score: string | null;
  @ApiProperty() weightedScore: string;
  @ApiProperty({ type: [String], description: 'The reasons recorded at moderation, by reference to the bid' }) reasons: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) winnerScore?: string | null;
  @ApiPropertyOptional() winnerWeightedScore?: string;
}

export class AssessmentSummaryDto {
  @ApiProperty({ example: { reference: 'LVRP-2027-014', title: '…' } }) round: { reference: string; title: string };
  @ApiProperty() supplierName: string;
  @ApiProperty({ enum: ['preferred bidder', 'unsuccessful', 'excluded', 'disqualified'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) exclusionReason: string | null;
  @ApiProperty() total: string;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ type: [CriterionAssessmentDto] }) criteria: CriterionAssessmentDto[];
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) winner: { supplierName: string; total: string } | null;
  @ApiProperty({ type: [String], description: 'Where the preferred bidder scored higher, criterion by criterion' }) whyNotSuccessful: string[];
}
