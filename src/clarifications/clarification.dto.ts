import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RecordClarificationDto {
  @ApiProperty({ description: 'The question as received (leave out anything that names the bidder)' })
  @Transform(trim) @IsString() @Length(5, 4000, { message: 'question must be 5 to 4000 characters' })
  question: string;

  @ApiProperty({ example: '2027-01-20T10:00:00.000Z', description: 'When the question was received; on or before the clarification deadline' })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be a date and time such as 2027-01-20T10:00:00Z' })
  receivedAt: string;

  @ApiPropertyOptional({ example: 'Q1', description: 'The question of the round it concerns; leave out for the tender as a whole' })
  @IsOptional() @Matches(/^[A-Z][A-Z0-9]{0,19}$/, { message: 'questionKey must be a question key of this round, such as Q1' })
  questionKey?: string;

  @ApiPropertyOptional({ description: 'Who asked: kept private to the lead and auditors, never shown to the panel or exported' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 200)
  askedBy?: string;

  @ApiPropertyOptional({ description: 'The answer (needed before it can be published)' })
  @IsOptional() @Transform(trim) @IsString() @Length(5, 8000, { message: 'answer must be 5 to 8000 characters' })
  answer?: string;

  @ApiPropertyOptional({ description: 'The answer changes the tender documents' })
  @IsOptional() @IsBoolean()
  changesTenderDocuments?: boolean;
}

export class PublishClarificationDto {
  @ApiPropertyOptional({ description: 'When the answer was published to all bidders (defaults to now)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'publishedAt must be a date and time such as 2027-01-21T09:00:00Z' })
  publishedAt?: string;
}

export class SupersedeClarificationDto extends PublishClarificationDto {
  @ApiProperty({ description: 'The corrected answer, published to all bidders in place of the old one' })
  @Transform(trim) @IsString() @Length(5, 8000, { message: 'answer must be 5 to 8000 characters' })
  answer: string;

  @ApiPropertyOptional({ description: 'The corrected answer changes the tender documents' })
  @IsOptional() @IsBoolean()
  changesTenderDocuments?: boolean;

  @ApiProperty({ description: 'Why the published answer is replaced' })
  @Transform(trim) @IsString() @Length(10, 2000, { message: 'reason must say why, in 10 to 2000 characters' })
  reason: string;
}

export class ClarificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'C3' }) reference: string;
  @ApiProperty({ nullable: true, type: String, description: 'The question of the round it concerns; null for the tender as a whole' }) questionKey: string | null;
  @ApiProperty() question: string;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Who asked: the lead and auditors only' }) askedBy?: string | null;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty() changesTenderDocuments: boolean;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ enum: ['draft', 'published', 'superseded'] }) status: 'draft' | 'published' | 'superseded';
  @ApiProperty({ nullable: true, type: String, description: 'The reference of the clarification this one replaces' }) supersedes: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reference of the clarification that replaced this one' }) supersededBy: string | null;
  @ApiProperty({ nullable: true, type: String }) supersedeReason: string | null;
}

/** A published clarification as the panel sees it beside a question: no asker, no draft. */
export class ClarificationNoteDto {
  @ApiProperty({ example: 'C3' }) reference: string;
  @ApiProperty() question: string;
  @ApiProperty() answer: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty() changesTenderDocuments: boolean;
  @ApiProperty({ nullable: true, type: String }) supersedes: string | null;
}
