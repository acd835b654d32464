import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PANEL_GROUPS, type PanelGroup } from '../domain/panel-group.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AddPanelMemberDto {
  @ApiProperty() @IsUUID()
  userId: string;

  @ApiProperty({ enum: PANEL_GROUPS }) @IsIn(PANEL_GROUPS)
  group: PanelGroup;

  @ApiPropertyOptional({ example: 'YP1', description: 'Shown instead of the name in exports; generated (YP1, P1, ...) when omitted' })
  @IsOptional() @Matches(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'panelCode must be up to 10 capital letters and digits' })
  panelCode?: string;

  @ApiPropertyOptional({ description: 'Assign the price envelope: this member may see bid prices', default: false })
  @IsOptional() @IsBoolean()
  seesPrice?: boolean;
}

export class DeclareConflictDto {
  @ApiPropertyOptional({ description: 'The bid you have an interest in. Omit to declare that you have no (further) conflicts.' })
  @IsOptional() @IsUUID()
  bidId?: string;

  @ApiPropertyOptional({ description: 'What the interest is (required with a bid)' })
  @IsOptional() @Transform(trim) @IsString() @Length(5, 2000)
  interest?: string;
}

export class WithdrawMemberDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(5, 2000)
  reason: string;
}

export class PanelMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() panelCode: string;
  @ApiProperty({ enum: PANEL_GROUPS }) group: PanelGroup;
  @ApiProperty() seesPrice: boolean;
}

export class ConflictDto {
  @ApiProperty() panelCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for "no conflicts"' }) bidId: string | null;
  @ApiProperty({ nullable: true, type: String }) supplierName: string | null;
  @ApiProperty({ nullable: true, type: String }) interest: string | null;
  @ApiProperty() declaredAt: string;
}

export class ConflictStatusDto {
  @ApiProperty() panelCode: string;
  @ApiProperty({ description: 'True once the member has completed their declaration' }) declared: boolean;
  @ApiProperty({ type: [ConflictDto] }) conflicts: ConflictDto[];
}
