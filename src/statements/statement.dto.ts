import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Themes arrive as an array or as one comma-separated string (a form field); kept lower-case. */
const themeList = ({ value }: { value: unknown }) => {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : null;
  return items ? [...new Set(items.map((t) => String(t).trim().toLowerCase()).filter(Boolean))] : value;
};
/** A form checkbox or CSV cell: yes/true/on/1 mean yes. */
const yes = ({ value }: { value: unknown }) => (typeof value === 'string' ? /^(yes|y|true|on|1)$/i.test(value.trim()) : value);

export const GROUP_CODE = /^[A-Z0-9][A-Z0-9-]{0,29}$/;
const GROUP_CODE_MESSAGE = 'groupCode must be a code of up to 30 capital letters, digits and hyphens (e.g. YP-NORTH), never a name';

export class WorkshopDto {
  @ApiProperty({ example: 'Youth voice workshop: what help looks like' }) @Transform(trim) @IsString() @Length(3, 200)
  title: string;

  @ApiProperty({ example: '2026-10-14' }) @IsISO8601({ strict: true }, { message: 'heldOn must be a date (YYYY-MM-DD)' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'heldOn must be a date (YYYY-MM-DD)' })
  heldOn: string;

  @ApiProperty({ example: 'Participation team' }) @Transform(trim) @IsString() @Length(2, 200)
  ranBy: string;

  @ApiProperty({ example: 12 }) @Type(() => Number) @IsInt({ message: 'participants must be a whole number' }) @Min(1) @Max(10000)
  participants: number;
}

export class AddStatementDto {
  @ApiProperty({ example: 'I want to talk to someone who has been through what I have been through' }) @Transform(trim) @IsString() @Length(5, 1000)
  text: string;

  @ApiPropertyOptional({ type: [String], example: ['lived experience', 'trust'] }) @IsOptional() @Transform(themeList) @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 40, { each: true })
  themes?: string[];

  @ApiPropertyOptional({ example: 'YP-NORTH', description: 'The group that said it, by code (never a name); a young partner\'s addition defaults to YOUNG-PARTNERS' })
  @IsOptional() @Transform(trim) @Matches(GROUP_CODE, { message: GROUP_CODE_MESSAGE })
  groupCode?: string;

  @ApiProperty({ description: 'The young people agreed it may be shared beyond our own pages (with panels, in exports)' }) @Transform(yes) @IsBoolean()
  consent: boolean;

  @ApiPropertyOptional({ description: 'An existing workshop it came from (commissioners)' }) @IsOptional() @IsUUID()
  workshopId?: string;
}

/** A workshop's statements pasted as a list, one per line (bullets and numbering are removed). */
export class ImportListDto {
  @ApiProperty({ type: WorkshopDto }) @IsObject() @ValidateNested() @Type(() => WorkshopDto)
  workshop: WorkshopDto;

  @ApiProperty({ description: 'One statement per line' }) @IsString() @Length(5, 100_000)
  list: string;

  @ApiProperty({ example: 'YP-NORTH' }) @Transform(trim) @Matches(GROUP_CODE, { message: GROUP_CODE_MESSAGE })
  groupCode: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @Transform(themeList) @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 40, { each: true })
  themes?: string[];

  @ApiProperty({ description: 'The group agreed every statement in the list may be shared' }) @Transform(yes) @IsBoolean()
  consent: boolean;
}

export class ConsentDto {
  @ApiProperty({ description: 'Whether the group agrees the statement may be shared beyond our own pages' }) @Transform(yes) @IsBoolean()
  consent: boolean;

  @ApiProperty({ description: 'How the change came about (e.g. "The group asked us to stop using it")' }) @Transform(trim) @IsString() @Length(5, 500)
  reason: string;
}

export class StatementSearchDto {
  @ApiPropertyOptional({ description: 'Only statements tagged with this theme' }) @IsOptional() @Transform(trim) @IsString() @Length(1, 40)
  theme?: string;

  @ApiPropertyOptional({ enum: ['proposed', 'accepted'] }) @IsOptional() @Matches(/^(proposed|accepted)$/, { message: 'status must be proposed or accepted' })
  status?: 'proposed' | 'accepted';
}

export class WorkshopViewDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() heldOn: string;
  @ApiProperty() ranBy: string;
  @ApiProperty() participants: number;
}

export class StatementViewDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty() groupCode: string;
  @ApiProperty() consent: boolean;
  @ApiProperty({ enum: ['proposed', 'accepted'] }) status: 'proposed' | 'accepted';
  @ApiProperty({ description: 'A young partner added it' }) addedByYoungPartner: boolean;
  @ApiProperty({ description: 'You added it' }) yours: boolean;
  @ApiProperty() addedAt: string;
  @ApiProperty({ type: WorkshopViewDto, nullable: true }) workshop: WorkshopViewDto | null;
}

export class ImportResultDto {
  @ApiProperty({ type: WorkshopViewDto }) workshop: WorkshopViewDto;
  @ApiProperty({ type: [StatementViewDto] }) statements: StatementViewDto[];
}

export class CitationsDto {
  @ApiProperty({ type: [String], description: 'The statements this question answers (replaces the list)' })
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'each statement id must be an id' })
  statementIds: string[];
}

/** A statement as cited in a round: what the panel, the method and the workbook show. */
export class CitedStatementDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty() groupCode: string;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty() consent: boolean;
  @ApiProperty({ nullable: true, type: String }) workshop: string | null;
}

export class QuestionCitationsDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CitedStatementDto] }) statements: CitedStatementDto[];
}

export class CoverageDto {
  @ApiProperty({ type: [QuestionCitationsDto] }) questions: QuestionCitationsDto[];
  @ApiProperty({ type: [StatementViewDto], description: 'Accepted statements no question of this round answers yet' }) uncited: StatementViewDto[];
}

/** A spreadsheet import: the workshop's details, and the CSV file's text (the API speaks JSON only; the page uploads the file). */
export class ImportCsvDto {
  @ApiProperty({ type: WorkshopDto }) @IsObject() @ValidateNested() @Type(() => WorkshopDto)
  workshop: WorkshopDto;

  @ApiProperty({ description: 'CSV with a header row: statement (required), themes (separated by ;), group (a code), consent (yes/no; anything else is no)' })
  @IsString() @Length(10, 1_000_000)
  csv: string;

  @ApiPropertyOptional({ example: 'YP-NORTH', description: 'The group, for rows without a "group" column' })
  @IsOptional() @Transform(trim) @Matches(GROUP_CODE, { message: GROUP_CODE_MESSAGE })
  groupCode?: string;
}
