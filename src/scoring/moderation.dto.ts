import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsUUID, ValidateIf, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PANEL_GROUPS, type PanelGroup } from '../domain/panel-group.js';

export class RecordConsensusDto {
  @ApiProperty({ enum: PANEL_GROUPS }) @IsIn(PANEL_GROUPS)
  group: PanelGroup;

  @ApiProperty({ minimum: 0, maximum: 5 }) @IsInt() @Min(0) @Max(5)
  mark: number;

  @ApiPropertyOptional({ description: 'How the group reached this mark. Required when it differs from every individual mark.' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(10, 4000, { message: 'reason must explain how the group agreed, in at least 10 characters' })
  reason?: string;

  @ApiPropertyOptional({ description: 'To change a recorded consensus, the version you are replacing' })
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class IndividualMarkDto {
  @ApiProperty() panelCode: string;
  @ApiProperty() mark: number;
  @ApiPropertyOptional({ description: 'Left out when moderation is asked for without reasons (reasons=false)' }) justification?: string;
  @ApiProperty({ description: 'When the panellist last saved it (the order of their marks, for drift)' }) savedAt: string;
}

export class RecusedMarkDto extends IndividualMarkDto {
  @ApiProperty({ example: 'recused (declared 2027-03-01T10:00:00.000Z: my sister volunteers there)' }) standing: string;
}

export class ConsensusDto {
  @ApiProperty() mark: number;
  @ApiProperty() reason: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String, description: 'Set when a panellist whose mark informed this consensus later declared an interest in the bid: the lead must review it and confirm it with a reason' })
  reviewNeeded: string | null;
}

export class ModerationCellDto {
  @ApiProperty() bidId: string;
  @ApiProperty() supplierName: string;
  @ApiPropertyOptional({ example: 'L1', description: 'The lot of the bid (a round with lots only)' }) lotKey?: string;
  @ApiProperty() criterionId: string;
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PANEL_GROUPS }) group: PanelGroup;
  @ApiProperty({ type: [IndividualMarkDto], description: 'The marks that count' }) marks: IndividualMarkDto[];
  @ApiProperty({ type: [RecusedMarkDto], description: 'Marks of members who declared an interest in the bid: kept on record, never counted' }) recused: RecusedMarkDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Exact mean of the individual marks' }) mean: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Highest minus lowest mark' }) spread: number | null;
  @ApiProperty({ description: 'The marks are 2 or more apart' }) disagreement: boolean;
  @ApiProperty({ nullable: true, type: ConsensusDto }) consensus: ConsensusDto | null;
}

/** Bids per moderation page unless asked otherwise: a page's size does not grow with the round. */
export const MODERATION_PAGE = 10;

/** One of bidId, criterionId and group asks for one cell: then all three are needed. */
const namesACell = (q: ModerationQueryDto) => q.bidId !== undefined || q.criterionId !== undefined || q.group !== undefined;

export class ModerationQueryDto {
  @ApiPropertyOptional({ description: 'Which page of bids (1 is the first)', default: 1, minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Bids per page', default: MODERATION_PAGE, minimum: 1, maximum: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  perPage?: number;

  @ApiPropertyOptional({ description: "false leaves out the panellists' justifications (the marks only); one cell's are read with bidId, criterionId and group", default: true })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  reasons?: boolean;

  @ApiPropertyOptional({ description: 'With criterionId and group: only this cell (page and perPage are then ignored)' })
  @ValidateIf(namesACell) @IsUUID(undefined, { message: 'bidId must name the bid of the cell (with criterionId and group)' })
  bidId?: string;

  @ApiPropertyOptional({ description: 'With bidId and group: only this cell' })
  @ValidateIf(namesACell) @IsUUID(undefined, { message: 'criterionId must name the question of the cell (with bidId and group)' })
  criterionId?: string;

  @ApiPropertyOptional({ enum: PANEL_GROUPS, description: 'With bidId and criterionId: only this cell' })
  @ValidateIf(namesACell) @IsIn(PANEL_GROUPS, { message: `group must be one of ${PANEL_GROUPS.join(', ')} (with bidId and criterionId)` })
  group?: PanelGroup;
}

export class ModerationDto {
  @ApiProperty() state: string;
  @ApiProperty({ description: 'Cells in the whole round (every page)' }) cells: number;
  @ApiProperty({ description: 'Agreed marks recorded in the whole round' }) agreed: number;
  @ApiProperty() outstanding: number;
  @ApiProperty() page: number;
  @ApiProperty() perPage: number;
  @ApiProperty() pages: number;
  @ApiProperty({ description: 'Compliant bids in the round' }) bids: number;
  @ApiProperty({ type: [ModerationCellDto], description: "This page's bids' cells, widest disagreement first" }) items: ModerationCellDto[];
}
