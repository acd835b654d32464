import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import { Page } from '../auth/auth.guard.js';
import { PublishClarificationDto, RecordClarificationDto, SupersedeClarificationDto } from '../clarifications/clarification.dto.js';
import { ClarificationsService } from '../clarifications/clarifications.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import type { User } from '../users/user.entity.js';
import { formError, formFields, validated, NOTHING_POSTED } from './forms.js';
import { assertLeadOrAuditor, localInstant } from './round-pages.controller.js';
import { Views } from './views.js';
import { WebExceptionFilter } from './web-exception.filter.js';

const NOTICES: Record<string, string> = {
  recorded: 'The clarification has been recorded.',
  changed: 'The clarification has been changed.',
  published: 'Recorded as published to all bidders. From now on it can only be superseded.',
  superseded: 'The corrected answer is published and supersedes the earlier one.',
};
const FIELD_NAMES = { question: 'Question', receivedAt: 'Received', questionKey: 'About question', askedBy: 'Asked by', answer: 'Answer', publishedAt: 'Published', reason: 'Why it is replaced' };

/** The clarification log: the lead records, answers, publishes and supersedes; auditors read it. */
@ApiExcludeController()
@Page()
@UseFilters(WebExceptionFilter)
@Controller('rounds/:id/clarifications')
export class ClarificationPagesController {
  constructor(private readonly views: Views, private readonly rounds: RoundsService, private readonly clarifications: ClarificationsService) {}

  @Get()
  async page(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Query('notice') notice?: string): Promise<void> {
    await this.show(user, req, res, id, { notice: notice ? NOTICES[notice] ?? null : null });
  }

  @Post()
  async record(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.act(user, req, res, id, 'new', async (fields) => {
      await this.clarifications.record(user, id, await validated(RecordClarificationDto, recordFields(fields)));
      return 'recorded';
    });
  }

  @Post(':clarificationId')
  async change(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('clarificationId') clarificationId: string): Promise<void> {
    await this.act(user, req, res, id, clarificationId, async (fields) => {
      await this.clarifications.update(user, id, clarificationId, await validated(RecordClarificationDto, recordFields(fields)));
      return 'changed';
    });
  }

  @Post(':clarificationId/publish')
  async publish(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('clarificationId') clarificationId: string): Promise<void> {
    await this.act(user, req, res, id, clarificationId, async (fields) => {
      await this.clarifications.publish(user, id, clarificationId, await validated(PublishClarificationDto, optionalInstant(fields, 'publishedAt')));
      return 'published';
    });
  }

  @Post(':clarificationId/supersede')
  async supersede(@CurrentUser() user: User, @Req() req: Request, @Res() res: Response, @Param('id') id: string, @Param('clarificationId') clarificationId: string): Promise<void> {
    await this.act(user, req, res, id, clarificationId, async (fields) => {
      await this.clarifications.supersede(user, id, clarificationId, await validated(SupersedeClarificationDto, {
        answer: fields.answer ?? '', reason: fields.reason ?? '', changesTenderDocuments: fields.changesTenderDocuments === 'yes', ...optionalInstant(fields, 'publishedAt'),
      }));
      return 'superseded';
    });
  }

  private async act(user: User, req: Request, res: Response, id: string, errorFor: string, work: (fields: Record<string, string>) => Promise<string>): Promise<void> {
    const fields = formFields(req);
    try {
      const notice = await work(fields);
      res.redirect(303, `/rounds/${id}/clarifications?notice=${notice}`);
    } catch (error) {
      const problem = formError(error, FIELD_NAMES);
      await this.show(user, req, res, id, { error: problem, errorFor, form: fields }, problem.status);
    }
  }

  private async show(user: User, req: Request, res: Response, id: string, extras: Record<string, unknown>, status = 200): Promise<void> {
    const round = await this.rounds.get(user, id);
    assertLeadOrAuditor(round);
    const log = await this.clarifications.list(user, id);
    const questions = (round.criteria as { questions: { key: string; title: string; type: string }[] }[]).flatMap((s) => s.questions).filter((q) => q.type !== 'price').map((q) => ({ key: q.key, title: q.title }));
    this.views.send(req, res, 'clarifications', {
      title: `Clarifications: ${round.title}`,
      round, log, questions,
      isLead: round.yourRole === 'lead',
      open: round.state === 'tendering',
      ...NOTHING_POSTED,
      ...extras,
    }, status);
  }
}

function optionalInstant(fields: Record<string, string>, name: string): Record<string, string> {
  return fields[name]?.trim() ? { [name]: localInstant(fields[name]) } : {};
}

function recordFields(fields: Record<string, string>) {
  return {
    question: fields.question ?? '',
    receivedAt: fields.receivedAt?.trim() ? localInstant(fields.receivedAt) : '',
    changesTenderDocuments: fields.changesTenderDocuments === 'yes',
    ...(fields.questionKey?.trim() ? { questionKey: fields.questionKey } : {}),
    ...(fields.askedBy?.trim() ? { askedBy: fields.askedBy } : {}),
    ...(fields.answer?.trim() ? { answer: fields.answer } : {}),
  };
}
