import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional,
  IsString, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { ROUTES, type RouteId } from '../../workflows/index.js';
import type { CriteriaDefinition, QuestionDefinition, QuestionType, ScaleOutline, SectionDefinition } from '../criteria/criteria-definition.js';
import { PANEL_GROUPS, type PanelGroup } from '../domain/panel-group.js';
import { PRICE_PATTERN } from '../bids/bid.dto.js';
import type { TieBreakRule } from '../round-core/round.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TIE_BREAK_RULES: TieBreakRule[] = ['highestQualityScore', 'lowestPrice', 'highestYoungPartnerContribution'];
const WEIGHT = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class TimetableDto {
  @ApiProperty({ example: '2027-02-12T12:00:00.000Z', description: 'Bids received after this instant are refused' })
  @IsISO8601({ strict: true })
  tenderDeadline: string;

  @ApiPropertyOptional({ example: '2027-02-02T12:00:00.000Z', description: "Bidders' clarification questions are taken until this instant; before the tender deadline" })
  @IsOptional() @IsISO8601({ strict: true })
  clarificationDeadline?: string;
}

export class ScaleDescriptorDto {
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(10)
  mark: number;

  @ApiProperty({ example: 'Good' }) @Transform(trim) @IsString() @Length(1, 60)
  label: string;

  @ApiProperty({ description: 'The published descriptor' }) @Transform(trim) @IsString() @Length(1, 1000)
  description: string;

  @ApiProperty({ description: 'The same in plain words, shown to young partners' }) @Transform(trim) @IsString() @Length(1, 1000)
  plainLanguage: string;
}

export class ScaleDto implements ScaleOutline {
  @ApiProperty({ enum: [4, 5], description: 'Marks run from 0 to max' }) @IsIn([4, 5])
  max: 4 | 5;

  @ApiProperty({ type: [ScaleDescriptorDto], description: 'One descriptor per mark, 0 to max, in order' })
  @IsArray() @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ScaleDescriptorDto)
  descriptors: ScaleDescriptorDto[];
}

export class TieBreakDto {
  @ApiProperty({ enum: TIE_BREAK_RULES }) @IsIn(TIE_BREAK_RULES)
  rule: TieBreakRule;

  @ApiProperty({ description: 'The tie-break as published to bidders' }) @Transform(trim) @IsString() @Length(1, 1000)
  description: string;
}

/** Each scoring group's share of a question, as a number (an unknown group is refused by name). */
export class GroupWeightsDto implements Partial<Record<PanelGroup, number>> {
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100)
  professional?: number;

  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100)
  youngPartner?: number;
}

export class QuestionDto implements QuestionDefinition {
  @ApiProperty({ example: 'Q1' }) @Matches(/^[A-Z][A-Z0-9]{0,19}$/, { message: 'key must be capital letters and digits, starting with a letter (e.g. Q1)' })
  key: string;

  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200)
  title: string;

  @ApiProperty({ description: 'The question as published to bidders' }) @Transform(trim) @IsString() @Length(1, 4000)
  text: string;

  @ApiPropertyOptional({ description: 'Plain-language version for young partners (required when young partners score it)' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 2000)
  plainLanguage?: string;

  @ApiPropertyOptional({ description: 'Guidance for panellists: what good looks like' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 4000)
  guidance?: string;

  @ApiProperty({ enum: ['quality', 'price', 'passFail'] }) @IsIn(['quality', 'price', 'passFail'])
  type: QuestionType;

  @ApiProperty({ example: 40, description: 'Percent of the section, up to 2 decimal places; 0 for pass/fail' })
  @IsNumber(WEIGHT) @Min(0) @Max(100)
  weight: number;

  @ApiPropertyOptional({ description: 'Minimum mark; a bid below it on this question is disqualified' })
  @IsOptional() @IsInt() @Min(0) @Max(5)
  threshold?: number;

  @ApiProperty({ enum: PANEL_GROUPS, isArray: true, description: 'Which panel groups score it (quality questions only)' })
  @IsArray() @ArrayUnique() @ArrayMaxSize(2) @IsIn(PANEL_GROUPS, { each: true })
  scoredBy: PanelGroup[];

  @ApiPropertyOptional({ type: () => GroupWeightsDto, example: { professional: 50, youngPartner: 50 }, description: 'Weight of each scoring group, summing to 100' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => GroupWeightsDto)
  groupWeights?: GroupWeightsDto;
}

export class SectionDto implements SectionDefinition {
  @ApiProperty({ example: 'S1' }) @Matches(/^[A-Z][A-Z0-9]{0,19}$/, { message: 'key must be capital letters and digits, starting with a letter (e.g. S1)' })
  key: string;

  @ApiProperty({ example: 'Quality' }) @Transform(trim) @IsString() @Length(1, 200)
  title: string;

  @ApiProperty({ example: 60, description: 'Percent of the whole, up to 2 decimal places' })
  @IsNumber(WEIGHT) @Min(0) @Max(100)
  weight: number;

  @ApiProperty({ type: [QuestionDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => QuestionDto)
  questions: QuestionDto[];
}

export class CriteriaDto implements CriteriaDefinition {
  @ApiProperty({ type: [SectionDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SectionDto)
  criteria: SectionDto[];
}

export class LotDto {
  @ApiProperty({ example: 'L1' }) @Matches(/^[A-Z][A-Z0-9]{0,19}$/, { message: 'lot key must be capital letters and digits, starting with a letter (e.g. L1)' })
  key: string;

  @ApiProperty({ example: 'North Central London ICS' }) @Transform(trim) @IsString() @Length(1, 200, { message: 'lot title must be 1 to 200 characters' })
  title: string;

  @ApiProperty({ description: 'What the lot covers, as published' }) @Transform(trim) @IsString() @Length(1, 4000, { message: 'lot description must be 1 to 4000 characters' })
  description: string;

  @ApiPropertyOptional({ example: '3200000.00', description: 'Estimated value in pounds as a decimal string' })
  @IsOptional() @Matches(PRICE_PATTERN, { message: 'lot value must be an amount in pounds such as 3200000.00' })
  value?: string;
}

/** A round definition: the same shape as the files in fixtures/rounds/. */
export class RoundDefinitionDto extends CriteriaDto {
  @ApiProperty({ example: 'LVRP-2027-014' }) @Matches(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { message: 'reference must be 3-40 capital letters, digits and hyphens' })
  reference: string;

  @ApiProperty() @Transform(trim) @IsString() @Length(5, 200)
  title: string;

  @ApiProperty({ enum: ROUTES }) @IsIn(ROUTES)
  route: RouteId;

  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(4000)
  description: string;

  @ApiProperty({ type: TimetableDto }) @ValidateNested() @Type(() => TimetableDto) @IsObject()
  timetable: TimetableDto;

  @ApiPropertyOptional({ description: 'Light-touch only: a voluntary standstill in working days' })
  @IsOptional() @IsInt() @Min(0) @Max(30)
  voluntaryStandstillDays?: number;

  @ApiProperty({ type: ScaleDto }) @ValidateNested() @Type(() => ScaleDto) @IsObject()
  scale: ScaleDto;

  @ApiProperty({ type: TieBreakDto }) @ValidateNested() @Type(() => TieBreakDto) @IsObject()
  tieBreak: TieBreakDto;

  @ApiPropertyOptional({ type: [LotDto], description: 'The lots, if the round has any: each bid is for one lot, and each lot is ranked and awarded on its own (leave out for a round without lots)' })
  @IsOptional() @IsArray() @ArrayMaxSize(50, { message: 'lots can hold at most 50 lots' }) @IsObject({ each: true })
  @ArrayUnique((lot: LotDto) => lot?.key, { message: 'lots must each have their own key' })
  @ValidateNested({ each: true }) @Type(() => LotDto)
  lots?: LotDto[];
}
