import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { User } from '../users/user.entity.js';
import { AcceptWordingDto, AnswerFeedbackDto, CheckQuestionDto, QuestionReviewDto, ReviewSettingDto, WhyNotCheckedDto } from './question-review.dto.js';
import { QuestionReviewService } from './question-review.service.js';
import { ApiSignedIn } from '../common/api-errors.js';

@ApiTags('question review')
@ApiSignedIn()
@Controller('api/rounds/:id')
export class QuestionReviewController {
  constructor(private readonly review: QuestionReviewService) {}

  @Get('question-review')
  @ApiOperation({ summary: "The questions in plain words, with the young partners' checks: their own (young partners), everyone's and the wording history (lead, auditors)" })
  @ApiOkResponse({ type: QuestionReviewDto })
  view(@CurrentUser() user: User, @Param('id') id: string): Promise<QuestionReviewDto> {
    return this.review.view(user, id);
  }

  @Put('questions/:key/check')
  @ApiOperation({ summary: 'A young partner says a question is clear, or suggests better words, with a comment (draft only; until the lead replies)' })
  @ApiOkResponse({ type: QuestionReviewDto })
  check(@CurrentUser() user: User, @Param('id') id: string, @Param('key') key: string, @Body() dto: CheckQuestionDto): Promise<QuestionReviewDto> {
    return this.review.check(user, id, key, dto);
  }

  @Post('question-review/:feedbackId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept a suggestion: the question's plain-language text changes (a new version; earlier ones are kept) (lead, draft only)" })
  @ApiOkResponse({ type: QuestionReviewDto })
  accept(@CurrentUser() user: User, @Param('id') id: string, @Param('feedbackId') feedbackId: string, @Body() dto: AcceptWordingDto): Promise<QuestionReviewDto> {
    return this.review.accept(user, id, feedbackId, dto);
  }

  @Post('question-review/:feedbackId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a young partner without changing the wording (lead, draft only)' })
  @ApiOkResponse({ type: QuestionReviewDto })
  answer(@CurrentUser() user: User, @Param('id') id: string, @Param('feedbackId') feedbackId: string, @Body() dto: AnswerFeedbackDto): Promise<QuestionReviewDto> {
    return this.review.answer(user, id, feedbackId, dto);
  }

  @Put('question-review/setting')
  @ApiOperation({ summary: 'Require (or not) that the young partners check the questions before the round is published (lead, draft only)' })
  @ApiOkResponse({ type: QuestionReviewDto })
  setRequired(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: ReviewSettingDto): Promise<QuestionReviewDto> {
    return this.review.setRequired(user, id, dto);
  }

  @Post('question-review/not-checked')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record why a young partner did not check the questions, so publication need not wait for them (lead, draft only)' })
  @ApiOkResponse({ type: QuestionReviewDto })
  recordWhyNot(@CurrentUser() user: User, @Param('id') id: string, @Body() dto: WhyNotCheckedDto): Promise<QuestionReviewDto> {
    return this.review.recordWhyNot(user, id, dto);
  }
}
