import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ClarificationNoteDto } from '../clarifications/clarification.dto.js';
import { CitedStatementDto } from '../statements/statement.dto.js';

export const MIN_JUSTIFICATION = 10;

export class SaveScoreDto {
  @ApiProperty({ minimum: 0, maximum: 5, description: "A mark on the round's scale" }) @IsInt() @Min(0) @Max(5)
  mark: number;

  @ApiProperty({ description: `Why this mark, by reference to the bid (at least ${MIN_JUSTIFICATION} characters)` })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @Length(MIN_JUSTIFICATION, 4000, { message: `justification must say why, in at least ${MIN_JUSTIFICATION} characters` })
  justification: string;
}

export class MyScoreDto {
  @ApiProperty() mark: number;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: 'draft' | 'submitted';
  @ApiProperty() updatedAt: string;
}

export class MyQuestionDto {
  @ApiProperty() criterionId: string;
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The plain-language version for young partners, the formal question for professionals' }) question: string;
  @ApiProperty({ description: 'The formal question as published' }) formalText: string;
  @ApiPropertyOptional({ nullable: true, type: String }) guidance: string | null;
  @ApiProperty({ description: "The bid's answer" }) response: string;
  @ApiProperty({ nullable: true, type: MyScoreDto }) score: MyScoreDto | null;
  @ApiProperty({ type: [CitedStatementDto], description: 'What young people said that this question came from (statements they agreed to share)' }) fromYoungPeople: CitedStatementDto[];
  @ApiProperty({ type: [ClarificationNoteDto], description: 'The clarifications about this question published to every bidder, as they stand (never who asked)' }) clarifications: ClarificationNoteDto[];
}

export class MyBidDto {
  @ApiProperty() bidId: string;
  @ApiProperty() supplierName: string;
  @ApiPropertyOptional({ example: 'L1', description: 'The lot of the bid (a round with lots only)' }) lotKey?: string;
  @ApiProperty({ description: 'A practice bid (calibration exercise): scored first, it helps the group see how everyone reads the marks and never counts' }) practice: boolean;
  @ApiProperty({ description: 'Answers of this organisation you have marked' }) scored: number;
  @ApiProperty({ description: 'Answers of this organisation you must mark' }) total: number;
  @ApiProperty({ type: [MyQuestionDto] }) questions: MyQuestionDto[];
}

/** Organisations per page of my-scoring unless asked otherwise: a page's size does not grow with the round. */
export const MY_SCORING_PAGE = 10;

export class MyScoringQueryDto {
  @ApiPropertyOptional({ description: 'Which page of organisations (1 is the first)', default: 1, minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Organisations per page', default: MY_SCORING_PAGE, minimum: 1, maximum: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  perPage?: number;

  @ApiPropertyOptional({ description: 'Only this organisation (page and perPage are then ignored)' })
  @IsOptional() @IsUUID()
  bidId?: string;
}

export class UnfinishedBidDto {
  @ApiProperty() bidId: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ description: 'Answers still to mark' }) left: number;
}

export class MarkChoiceDto {
  @ApiProperty() mark: number;
  @ApiProperty() label: string;
  @ApiProperty() description: string;
}

export class ProgressDto {
  @ApiProperty() scored: number;
  @ApiProperty() total: number;
  @ApiProperty() percent: number;
}

export class MyScoringDto {
  @ApiProperty() roundId: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty() panelCode: string;
  @ApiProperty({ enum: ['professional', 'youngPartner'] }) group: string;
  @ApiProperty() conflictsDeclared: boolean;
  @ApiProperty({ description: 'True while you can save scores' }) open: boolean;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What you need to do next, in plain words' }) nextStep: string | null;
  @ApiProperty({ type: [MarkChoiceDto] }) marks: MarkChoiceDto[];
  @ApiProperty({ type: ProgressDto }) progress: ProgressDto;
  @ApiProperty({ description: 'Organisations you score, on every page' }) organisations: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
  @ApiProperty() pages: number;
  @ApiProperty({ type: [MyBidDto], description: "This page's organisations (in the order you score them) with their questions, answers and your drafts" }) bids: MyBidDto[];
  @ApiProperty({ type: [UnfinishedBidDto], description: 'The first organisations (up to 10, in order) with answers still to mark, on any page' }) unfinished: UnfinishedBidDto[];
  @ApiProperty({ type: [ClarificationNoteDto], description: 'Clarifications about the tender as a whole, published to every bidder' }) generalClarifications: ClarificationNoteDto[];
}

export class SubmittedDto {
  @ApiProperty() submittedAt: string;
  @ApiProperty() scores: number;
}

export class MemberProgressDto {
  @ApiProperty() panelCode: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['professional', 'youngPartner'] }) group: string;
  @ApiProperty() scored: number;
  @ApiProperty() total: number;
  @ApiProperty() submitted: boolean;
  @ApiProperty() withdrawn: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) withdrawalReason: string | null;
}

export class GroupProgressDto {
  @ApiProperty({ enum: ['professional', 'youngPartner'] }) group: string;
  @ApiProperty({ type: [MemberProgressDto] }) members: MemberProgressDto[];
  @ApiProperty({ type: [String], description: 'Panel codes of members who have not submitted' }) outstanding: string[];
}

export class WithdrawDto {
  @ApiProperty() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(5, 2000)
  reason: string;
}
