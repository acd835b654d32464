import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { EVENT_TYPES, type RoundEventType } from '../../workflows/index.js';
import { LotViewDto } from '../round-core/lot.dto.js';

export class RoundEventDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'PUBLISH' }) @IsIn(EVENT_TYPES)
  type: RoundEventType;

  @ApiPropertyOptional({ description: 'Required to cancel, to record a challenge, to revisit a decision, or to close scoring with scores missing' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @MaxLength(2000)
  reason?: string;
}

export class ConflictsAssessmentDto {
  @ApiProperty({ description: 'The PA23 s.83 conflicts assessment: who can influence the decision, interests found, mitigations' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(20, 8000, { message: 'summary must be at least 20 characters: say who was assessed and what was found' })
  summary: string;
}

export class BlockedStepDto {
  @ApiProperty() event: string;
  @ApiProperty({ type: [String] }) reasons: string[];
}

export class StandstillCalendarDto {
  @ApiProperty({ enum: ['uk', 'england'] }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [String], description: 'Regions (date-holidays, GB) whose bank holidays are not working days' }) regions: readonly string[];
}

export class TimetableViewDto {
  @ApiProperty({ nullable: true, type: String }) tenderDeadline: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Bidders' clarification questions are taken until then" }) clarificationDeadline: string | null;
  @ApiProperty({ nullable: true, type: String }) awardNoticeAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Computed in the working days of standstillCalendar' }) standstillEndsAt: string | null;
  @ApiProperty({ type: StandstillCalendarDto, description: "The calendar the route counts its standstill in: UK-wide for PA23 routes, England's for the PSR" }) standstillCalendar: StandstillCalendarDto;
}

export class PanelSeatDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'YP1' }) panelCode: string;
  @ApiProperty({ enum: ['professional', 'youngPartner'] }) group: string;
  @ApiPropertyOptional({ description: 'Shown to the lead and auditors only' }) displayName?: string;
  @ApiProperty() seesPrice: boolean;
  @ApiProperty() conflictsDeclared: boolean;
  @ApiProperty() scoresSubmitted: boolean;
  @ApiProperty() withdrawn: boolean;
}

export class BidCountsDto {
  @ApiProperty() received: number;
  @ApiProperty() awaitingCompliance: number;
  @ApiProperty() compliant: number;
  @ApiProperty() excluded: number;
}

export class RoundSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() route: string;
  @ApiProperty() state: string;
  @ApiProperty({ enum: ['lead', 'panellist', 'auditor'] }) yourRole: 'lead' | 'panellist' | 'auditor';
  @ApiProperty({ type: TimetableViewDto }) timetable: TimetableViewDto;
}

export class RoundDto extends RoundSummaryDto {
  @ApiProperty() description: string;
  @ApiProperty({ example: { id: 'pa23-open', version: 1 } }) workflow: { id: string; version: number };
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Scale with a descriptor per mark' }) scale: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true }) tieBreak: unknown;
  @ApiPropertyOptional({ type: [LotViewDto], description: 'Only for a round with lots, in published order' }) lots?: LotViewDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Sections with their questions and weights; each question lists the i-Statements it answers (`statements`)' }) criteria: unknown[];
  @ApiProperty({ type: [PanelSeatDto] }) panel: PanelSeatDto[];
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) conflictsAssessment: unknown;
  @ApiPropertyOptional({ type: BidCountsDto, description: 'Hidden from the panel while bids are sealed' }) bids?: BidCountsDto;
  @ApiProperty({ type: [String], description: 'Events the lead can send now' }) allowedEvents: string[];
  @ApiProperty({ type: [BlockedStepDto], description: 'Next steps and what is missing for each' }) blocked: BlockedStepDto[];
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty() version: number;
}

export class TransitionResultDto {
  @ApiProperty() event: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: RoundDto }) round: RoundDto;
}

export class HistoryEntryDto {
  @ApiProperty() event: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String, description: 'Display name, or null when a deadline moved the round' }) actor: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() at: string;
}

export class WorkflowDto {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty() initial: string;
  @ApiProperty() current: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) states: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) transitions: unknown[];
}
