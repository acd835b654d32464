import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import type { FeedbackOutcome, Verdict } from './question-review.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An empty form field is "not given". */
const blankToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : trim({ value }));

/** A young partner's word on one question: clear, or better words; a comment either way. */
export class CheckQuestionDto {
  @ApiProperty({ enum: ['clear', 'suggestion'], description: '"clear", or "suggestion" with better words' })
  @IsIn(['clear', 'suggestion'], { message: 'verdict must be "clear" or "suggestion"' })
  verdict: Verdict;

  @ApiPropertyOptional({ example: 'Will you feel safe and listened to?', description: 'Required with "suggestion": the words you would use' })
  @Transform(blankToUndefined) @ValidateIf((o: CheckQuestionDto) => o.verdict === 'suggestion' || o.suggestedWording !== undefined)
  @IsString({ message: 'suggestedWording: write the words you would use' }) @Length(5, 1000, { message: 'suggestedWording must be between 5 and 1000 characters' })
  suggestedWording?: string;

  @ApiPropertyOptional({ example: 'I did not know what "listened to" means here' })
  @Transform(blankToUndefined) @IsOptional() @IsString() @Length(2, 2000, { message: 'comment must be between 2 and 2000 characters' })
  comment?: string;
}

export class AcceptWordingDto {
  @ApiPropertyOptional({ description: "The new plain-language text; defaults to the young partner's suggestion (the lead may polish it)" })
  @Transform(blankToUndefined) @IsOptional() @IsString() @Length(5, 1000, { message: 'wording must be between 5 and 1000 characters' })
  wording?: string;

  @ApiPropertyOptional({ description: 'A note back to the young partner' })
  @Transform(blankToUndefined) @IsOptional() @IsString() @Length(2, 2000, { message: 'answer must be between 2 and 2000 characters' })
  answer?: string;
}

export class AnswerFeedbackDto {
  @ApiProperty({ example: 'We kept "listened to" because the bidders must show how; thank you for flagging it.' })
  @Transform(trim) @IsString({ message: 'answer: write a reply' }) @Length(2, 2000, { message: 'answer must be between 2 and 2000 characters' })
  answer: string;
}

export class ReviewSettingDto {
  @ApiProperty({ description: 'Publication waits until every young partner on the panel has checked the questions, or the lead records why not' })
  @IsBoolean({ message: 'required must be true or false' })
  required: boolean;
}

export class WhyNotCheckedDto {
  @ApiProperty({ description: "The young partner's panel member id" }) @IsUUID('all', { message: 'memberId must be a panel member id' })
  memberId: string;

  @ApiProperty({ example: 'Away on a residential until after the publication date; will check with the group at the briefing' })
  @Transform(trim) @IsString({ message: 'reason: say why' }) @Length(10, 1000, { message: 'reason must be between 10 and 1000 characters' })
  reason: string;
}

export class FeedbackDto {
  @ApiProperty() id: string;
  @ApiProperty() questionKey: string;
  @ApiProperty({ description: 'Who said it: name and panel code for the lead and auditors, "You" for the young partner' }) from: string;
  @ApiProperty({ enum: ['clear', 'suggestion'] }) verdict: Verdict;
  @ApiProperty({ nullable: true, type: String }) suggestedWording: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ description: 'The wording they were looking at' }) wordingSeen: string;
  @ApiProperty() givenAt: string;
  @ApiProperty({ enum: ['open', 'accepted', 'answered'] }) outcome: FeedbackOutcome;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) respondedAt: string | null;
}

export class WordingVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() text: string;
  @ApiProperty() fromSuggestion: boolean;
  @ApiProperty() recordedAt: string;
}

export class ReviewQuestionDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'What young partners read and score against: the plain-language text (or the formal text when there is none)' }) plainWords: string;
  @ApiProperty() formalText: string;
  @ApiProperty({ description: 'Scored by young partners, so checked by them' }) youngPartnersScore: boolean;
  @ApiProperty({ type: [FeedbackDto], description: "The caller's own (young partner) or everyone's (lead, auditors)" }) feedback: FeedbackDto[];
  @ApiProperty({ type: [WordingVersionDto], description: 'Earlier and current wordings, oldest first (empty until a change is accepted)' }) versions: WordingVersionDto[];
}

export class ReviewerDto {
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
  @ApiProperty() panelCode: string;
  @ApiProperty() checked: number;
  @ApiProperty() toCheck: number;
  @ApiProperty() done: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why not, as the lead recorded it' }) whyNot: string | null;
}

export class QuestionReviewDto {
  @ApiProperty() roundId: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'Young partners can still check and the lead respond (the round is a draft)' }) open: boolean;
  @ApiProperty({ description: 'Publication waits for the review' }) required: boolean;
  @ApiProperty({ description: 'The caller may respond to suggestions and change the setting (the lead)' }) leads: boolean;
  @ApiProperty({ nullable: true, type: ReviewerDto, description: "The young partner's own progress" }) me: ReviewerDto | null;
  @ApiProperty({ type: [ReviewQuestionDto] }) questions: ReviewQuestionDto[];
  @ApiProperty({ type: [ReviewerDto], description: 'Every young partner on the panel (lead and auditors only)' }) youngPartners: ReviewerDto[];
}
