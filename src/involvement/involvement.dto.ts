import { ApiProperty } from '@nestjs/swagger';

export class RoleDto {
  @ApiProperty({ enum: ['questionReview', 'scoring', 'moderation', 'contractReview'] }) role: string;
  @ApiProperty({ example: 'Scoring' }) label: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) from: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) to: string;
  @ApiProperty({ example: "Read and scored 2 organisations' applications against 2 questions, writing a reason for every mark." }) what: string;
}

export class PieceOfWorkDto {
  @ApiProperty() roundId: string;
  @ApiProperty() title: string;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'First day of their involvement (YYYY-MM-DD)' }) from: string;
  @ApiProperty({ description: 'Last day of their involvement (YYYY-MM-DD)' }) to: string;
  @ApiProperty({ type: [RoleDto] }) roles: RoleDto[];
  @ApiProperty({ description: "Organisations' applications they assessed" }) applications: number;
  @ApiProperty({ description: 'Questions they assessed (scored)' }) questions: number;
}

export class InvolvementDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [PieceOfWorkDto], description: 'Newest first' }) work: PieceOfWorkDto[];
  @ApiProperty({ description: "Organisations' applications assessed, in all" }) applications: number;
  @ApiProperty({ description: 'Questions assessed (scored), in all, counted per piece of work' }) questions: number;
  @ApiProperty({ type: [String], description: 'Skills shown, in words for a CV' }) skills: string[];
  @ApiProperty() generatedAt: string;
}

export class YoungPartnerDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Pieces of work they sit on as a young partner' }) seats: number;
}
