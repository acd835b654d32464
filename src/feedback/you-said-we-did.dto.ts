import { ApiProperty } from '@nestjs/swagger';
import { ContractProviderDto } from '../contracts/kpi.dto.js';

export class StatementRefDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
}

export class QuestionRefDto {
  @ApiProperty() key: string;
  @ApiProperty({ description: 'The plain-language version where there is one' }) title: string;
}

export class KpiRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class SaidStatementDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'The group that said it, by code' }) groupCode: string;
  @ApiProperty({ nullable: true, type: String }) workshop: string | null;
  @ApiProperty({ type: [QuestionRefDto], description: 'Questions that came from it' }) questions: QuestionRefDto[];
  @ApiProperty({ type: [KpiRefDto], description: 'KPIs that now track it' }) kpis: KpiRefDto[];
}

export class FeedbackQuestionDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['youngPartners', 'both', 'professionals', 'price'], description: 'Who marked it' }) markedBy: string;
  @ApiProperty({ description: 'Points out of 100 it was worth (exact)' }) points: string;
  @ApiProperty({ description: 'Of those, the young partners\' points (exact)' }) youngPartnerPoints: string;
  @ApiProperty({ type: [StatementRefDto] }) statements: StatementRefDto[];
}

export class OrganisationResultDto {
  @ApiProperty({ description: 'The organisation, or "Another organisation" for one you stepped back from' }) name: string;
  @ApiProperty() awarded: boolean;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ description: 'Total out of 100 (exact)' }) total: string;
  @ApiProperty({ description: "The young partners' points in that total (exact)" }) youngPartners: string;
  @ApiProperty() professionals: string;
  @ApiProperty() price: string;
  @ApiProperty({ description: "The young partners' points as a share of the total, percent to 1 place" }) youngPartnerShare: string;
  @ApiProperty({ nullable: true, type: String, description: 'Total without the young partners, out of the points left (exact)' }) totalWithout: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Rank without the young partners' }) rankWithout: number | null;
}

export class CounterfactualDto {
  @ApiProperty({ description: 'What the questions left were worth, out of the published 100' }) outOf: string;
  @ApiProperty({ type: [String], description: 'Who would have come first without the young partners' }) first: string[];
  @ApiProperty({ description: 'The award would have gone elsewhere (or to a tie) without the young partners' }) awardWouldChange: boolean;
}

export class LotRefDto {
  @ApiProperty() key: string;
  @ApiProperty({ description: 'The lot\'s title (young partners read it as the area or part of the work)' }) title: string;
}
export class OutcomeDto {
  @ApiProperty({ nullable: true, type: LotRefDto, description: 'The lot this outcome is about; null in a round without lots' }) lot: LotRefDto | null;
  @ApiProperty({ description: 'An organisation got this part of the work (false: the lot was decided as no award)' }) awarded: boolean;
  @ApiProperty({ type: [OrganisationResultDto], description: 'Empty for a lot with no award' }) organisations: OrganisationResultDto[];
  @ApiProperty({ nullable: true, type: CounterfactualDto, description: 'null when the young partners marked everything that carried weight' }) without: CounterfactualDto | null;
  @ApiProperty({ description: 'In plain words' }) summary: string;
}

export class KpiLotProgressDto {
  @ApiProperty({ nullable: true, type: LotRefDto, description: 'null in a round without lots' }) lot: LotRefDto | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The latest reporting period of this lot: { periodStart, periodEnd, value, met, reviews }' })
  latest: { periodStart: string; periodEnd: string; value: string; met: boolean; reviews: number } | null;
}
export class KpiProgressDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() target: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ['atLeast', 'atMost'] }) direction: string;
  @ApiProperty({ type: [StatementRefDto] }) statements: StatementRefDto[];
  @ApiProperty({ type: [KpiLotProgressDto], description: 'For each awarded lot (one, lot null, in a round without lots): its latest reporting period' })
  byLot: KpiLotProgressDto[];
}

export class YouSaidWeDidDto {
  @ApiProperty() title: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: [SaidStatementDto], description: 'What young people said' }) said: SaidStatementDto[];
  @ApiProperty({ type: [FeedbackQuestionDto], description: 'The questions, and the statements they came from' }) questions: FeedbackQuestionDto[];
  @ApiProperty({ type: [OutcomeDto], description: 'How the young partners\' marks shaped the result, one per lot in published order (one, lot null, in a round without lots): once the award is announced, empty before' }) outcomes: OutcomeDto[];
  @ApiProperty({ type: [ContractProviderDto], description: 'Who runs the service: one per awarded lot (see the contract)' }) providers: ContractProviderDto[];
  @ApiProperty({ type: [KpiProgressDto], description: 'How the service is doing' }) kpis: KpiProgressDto[];
}
