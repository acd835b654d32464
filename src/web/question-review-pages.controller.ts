import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { AcceptWordingDto, AnswerFeedbackDto, CheckQuestionDto, ReviewSettingDto, WhyNotCheckedDto } from '../question-review/question-review.dto.js';
import { QuestionReviewService } from '../question-review/question-review.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { User } from '../users/user.entity.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const NOTICES: Record<string, string> = {
  saved: 'Thanks! We have saved what you said.',
  setting: 'Saved.',
  accepted: 'The new words are in: young partners will score against them.',
  answered: 'Your answer has been sent.',
  whyNot: 'Recorded: publishing will not wait for them.',
};

const FIELD_NAMES = { verdict: 'Is it clear?', suggestedWording: 'Your words', comment: 'Anything else', wording: 'New wording', answer: 'Answer', reason: 'Why not', memberId: 'Young partner' };

/**
 * "Check the questions before they go out": a round's young partners say whether each question is
 * clear or suggest better words; the lead (same address) sees every suggestion and accepts or answers.
 */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/check-questions')
export class QuestionReviewPagesController {
  constructor(private readonly views: Views, private readonly review: QuestionReviewService, private readonly rounds: RoundsService) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: notice ? NOTICES[notice] ?? null : null });
  }

  @Post('q/:key')
  async check(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('key') key: string): Promise<void> {
    const fields = formFields(req);
    await this.act(user, req, res, id, key, fields, async () => {
      await this.review.check(user, id, key, await validated(CheckQuestionDto, { verdict: fields.verdict, suggestedWording: fields.suggestedWording, comment: fields.comment }));
      return `saved#q-${key}`;
    });
  }

  @Post('setting')
  async setting(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    await this.act(user, req, res, id, 'setting', fields, async () => {
      await this.review.setRequired(user, id, await validated(ReviewSettingDto, { required: fields.required === 'yes' }));
      return 'setting';
    });
  }

  @Post('feedback/:feedbackId/accept')
  async accept(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('feedbackId') feedbackId: string): Promise<void> {
    const fields = formFields(req);
    await this.act(user, req, res, id, feedbackId, fields, async () => {
      await this.review.accept(user, id, feedbackId, await validated(AcceptWordingDto, { wording: fields.wording, answer: fields.answer }));
      return `accepted#f-${feedbackId}`;
    });
  }

  @Post('feedback/:feedbackId/answer')
  async answer(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('feedbackId') feedbackId: string): Promise<void> {
    const fields = formFields(req);
    await this.act(user, req, res, id, feedbackId, fields, async () => {
      await this.review.answer(user, id, feedbackId, await validated(AnswerFeedbackDto, { answer: fields.answer ?? '' }));
      return `answered#f-${feedbackId}`;
    });
  }

  @Post('not-checked')
  async whyNot(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const fields = formFields(req);
    await this.act(user, req, res, id, `m-${fields.memberId}`, fields, async () => {
      await this.review.recordWhyNot(user, id, await validated(WhyNotCheckedDto, { memberId: fields.memberId ?? '', reason: fields.reason ?? '' }));
      return 'whyNot';
    });
  }

  /** Runs a form's command; on success back to the page with a notice, else the page again with the problem by its form. */
  private async act(user: User, req: Request, res: Response, id: string, errorFor: string, form: Record<string, string>, work: () => Promise<string>): Promise<void> {
    try {
      const [notice, anchor] = (await work()).split('#');
      res.redirect(303, `/rounds/${id}/check-questions?notice=${notice}${anchor ? `#${anchor}` : ''}`);
    } catch (error) {
      const problem = formError(error, FIELD_NAMES);
      await this.show(user, req, res, id, { error: problem, errorFor, form }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const review = await this.review.view(user, id);
    const data = { ...NOTHING_POSTED, review, ...extras };
    if (review.me) {
      const mine = review.questions.filter((q) => q.youngPartnersScore);
      const others = review.questions.filter((q) => !q.youngPartnersScore);
      this.views.send(req, res, 'check-questions', { title: 'Check the questions before they go out', narrow: true, mine, others, ...data }, status);
    } else {
      const round = await this.rounds.get(user, id);
      this.views.send(req, res, 'question-review', { title: `Young partners check the questions: ${round.title}`, round, tab: 'questions', ...data }, status);
    }
  }
}
