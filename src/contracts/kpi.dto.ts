import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CitedStatementDto } from '../statements/statement.dto.js';
import { KPI_DIRECTIONS, KPI_FREQUENCIES, REVIEW_RATINGS, type KpiDirection, type KpiFrequency, type ReviewRating } from './kpi.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A number typed in a form or sent as JSON becomes the exact decimal string it was written as. */
const decimalText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : value);
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;
const DATE_MESSAGE = 'periodStart must be a date (YYYY-MM-DD)';

export class DefineKpiDto {
  @ApiProperty({ example: 'Young people feel listened to' }) @Transform(trim) @IsString() @Length(3, 200)
  name: string;

  @ApiProperty({ example: 'Share of young people who answer "yes" to "Did staff listen to you?" in the exit survey' }) @Transform(trim) @IsString() @Length(5, 2000)
  measure: string;

  @ApiProperty({ example: '%' }) @Transform(trim) @IsString() @Length(1, 30)
  unit: string;

  @ApiProperty({ example: '80', description: 'The target, as an exact decimal' }) @Transform(decimalText) @Matches(DECIMAL, { message: 'target must be a number such as 80 or 12.5' })
  target: string;

  @ApiProperty({ enum: KPI_DIRECTIONS, description: 'atLeast: higher is better; atMost: lower is better' }) @IsIn(KPI_DIRECTIONS, { message: 'direction must be atLeast (higher is better) or atMost (lower is better)' })
  direction: KpiDirection;

  @ApiProperty({ enum: KPI_FREQUENCIES, description: 'How often it is reported' }) @IsIn(KPI_FREQUENCIES, { message: `frequency must be one of ${KPI_FREQUENCIES.join(', ')}` })
  frequency: KpiFrequency;

  @ApiProperty({ type: [String], description: 'The i-Statements it answers' }) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'each statement id must be an id' })
  statementIds: string[];
}

export class RecordPeriodDto {
  @ApiProperty({ example: '2027-01-01', description: 'First day of the reporting period; its end follows from the KPI\'s frequency' })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })
  periodStart: string;

  @ApiProperty({ example: '76.5' }) @Transform(decimalText) @Matches(DECIMAL, { message: 'value must be a number such as 76 or 12.5' })
  value: string;

  @ApiProperty({ example: 'Fewer answers than usual over the holidays' }) @Transform(trim) @IsString() @Length(3, 4000)
  commentary: string;

  @ApiProperty({ example: 'Quarterly contract report Q1 2027, section 3' }) @Transform(trim) @IsString() @Length(3, 300)
  evidenceReference: string;

  @ApiPropertyOptional({ example: 'L1', description: "The awarded lot whose contract this period reports on: required in a round with lots, left out in a round without" })
  @IsOptional() @Transform(trim) @IsString({ message: 'lotKey must be the key of a lot, such as L1' }) @Length(1, 20, { message: 'lotKey must be the key of a lot, such as L1' })
  lotKey?: string;
}

export class ReviewPeriodDto {
  @ApiProperty({ enum: REVIEW_RATINGS, description: 'Is this what young people asked for? yes, partly or notYet' }) @IsIn(REVIEW_RATINGS, { message: 'rating must be yes, partly or notYet' })
  rating: ReviewRating;

  @ApiProperty({ example: 'Good that most feel listened to, but the holiday dip matters' }) @Transform(trim) @IsString() @Length(3, 1000, { message: 'comment must be 3 to 1000 characters' })
  comment: string;
}

export class KpiReviewViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The young partner's panel code (never a name)" }) panelCode: string;
  @ApiProperty({ enum: REVIEW_RATINGS }) rating: ReviewRating;
  @ApiProperty() comment: string;
  @ApiProperty() reviewedAt: string;
  @ApiProperty({ description: 'You wrote it' }) yours: boolean;
}

export class KpiPeriodViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The awarded lot whose contract it reports on ('' in a round without lots)" }) lotKey: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() value: string;
  @ApiProperty({ description: 'The value meets the target' }) met: boolean;
  @ApiProperty() commentary: string;
  @ApiProperty() evidenceReference: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ type: [KpiReviewViewDto] }) reviews: KpiReviewViewDto[];
}

export class KpiViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() measure: string;
  @ApiProperty() unit: string;
  @ApiProperty() target: string;
  @ApiProperty({ enum: KPI_DIRECTIONS }) direction: KpiDirection;
  @ApiProperty({ enum: KPI_FREQUENCIES }) frequency: KpiFrequency;
  @ApiProperty({ type: [CitedStatementDto], description: 'The i-Statements it answers (consented ones only, except for the lead)' }) statements: CitedStatementDto[];
  @ApiProperty({ type: [KpiPeriodViewDto], description: 'Oldest first' }) periods: KpiPeriodViewDto[];
}

export class ContractProviderDto {
  @ApiProperty({ description: "The lot ('' in a round without lots)" }) lotKey: string;
  @ApiProperty({ nullable: true, type: String, description: "The lot's title; null in a round without lots" }) lotTitle: string | null;
  @ApiProperty({ description: 'The preferred bidder, who runs this part of the service' }) supplierName: string;
}

export class ContractViewDto {
  @ApiProperty({ type: [ContractProviderDto], description: 'Who runs the service: one per awarded lot in published order (one, lotKey \'\', in a round without lots); empty until a preferred bidder is recorded' })
  providers: ContractProviderDto[];
  @ApiProperty({ description: 'KPIs can be set now (lead, after the award decision)' }) mayDefine: boolean;
  @ApiProperty({ description: 'Performance can be recorded now (lead, once awarded)' }) mayRecord: boolean;
  @ApiProperty({ description: 'You may review the periods (young partners, once awarded)' }) mayReview: boolean;
  @ApiProperty({ type: [KpiViewDto] }) kpis: KpiViewDto[];
}

export class UpdateKpiDto extends DefineKpiDto {
  @ApiPropertyOptional({ description: 'Why it changed (kept in the audit trail)' }) @IsOptional() @Transform(trim) @IsString() @Length(0, 500)
  reason?: string;
}
