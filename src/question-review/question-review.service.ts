import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, ForbiddenError, NotFoundError, BusinessRuleError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf, type QuestionNode } from '../criteria/criteria-tree.js';
import { Criterion } from '../criteria/criterion.entity.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { RoundCommands, type RoundScope } from '../round-core/round-commands.js';
import type { Round } from '../round-core/round.entity.js';
import type { User } from '../users/user.entity.js';
import {
  AcceptWordingDto, AnswerFeedbackDto, CheckQuestionDto, FeedbackDto, QuestionReviewDto, ReviewerDto, ReviewSettingDto, WhyNotCheckedDto, WordingVersionDto,
} from './question-review.dto.js';
import { QuestionFeedback, QuestionReviewSetting, QuestionReviewWaiver, QuestionWording } from './question-review.entity.js';
import { reviewerName, reviewerStatuses, reviewRequired, type ReviewerStatus } from './review-facts.js';
import { QuestionReviewErrorCode } from './question-review-error-codes.js';

const plainWords = (q: Pick<QuestionNode, 'plainLanguage' | 'text'>): string => q.plainLanguage ?? q.text;

/**
 * Young partners check the plain-language questions of a draft round before it is published: each
 * says "clear" or suggests better words; the lead accepts a suggestion (the question's plain-language
 * text changes, every earlier wording is kept) or answers it. Whether publication waits for this is
 * the round's setting; the wait itself is the workflow's guard (fact: review-facts.ts).
 */
@Injectable()
export class QuestionReviewService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  view(user: User, roundId: string): Promise<QuestionReviewDto> {
    return this.commands.query(user, roundId, (viewer) => assertSees(viewer), ({ manager, round, viewer }) => this.review(manager, round, viewer));
  }

  /** A young partner's word on one question: clear, or better words; saved again until the lead replies. */
  check(user: User, roundId: string, questionKey: string, dto: CheckQuestionDto): Promise<QuestionReviewDto> {
    return this.commands.run(user, roundId, (viewer) => assertChecks(viewer), async ({ manager, round, viewer, now }) => {
      assertDraft(round, 'Questions are checked before the round goes out');
      const question = await findQuestion(manager, round.id, questionKey);
      const member = viewer.member!;
      const existing = await manager.findOneBy(QuestionFeedback, { roundId: round.id, panelMemberId: member.id, questionKey });
      if (existing && existing.outcome !== 'open') throw new ConflictError(QuestionReviewErrorCode.AlreadyReplied, 'The lead has already replied to what you said about this question', { field: 'questionKey' });
      const values = {
        verdict: dto.verdict, suggestedWording: dto.verdict === 'suggestion' ? dto.suggestedWording! : null, comment: dto.comment ?? null,
        wordingSeen: plainWords(question), givenAt: now,
      };
      const saved = existing
        ? Object.assign(existing, values)
        : manager.create(QuestionFeedback, { roundId: round.id, panelMemberId: member.id, questionKey, outcome: 'open', answer: null, respondedById: null, respondedAt: null, ...values });
      await manager.save(QuestionFeedback, saved);
      await this.audit.record(manager, { type: 'question_review.checked', actorId: user.id, roundId: round.id, payload: { feedbackId: saved.id, panelCode: member.panelCode, questionKey, verdict: values.verdict, suggestedWording: values.suggestedWording, comment: values.comment, wordingSeen: values.wordingSeen } });
      return this.review(manager, round, viewer);
    }, { roundLock: 'shared' });
  }

  /** The lead takes a suggestion: the question's plain-language text becomes it (or the lead's polish of it), as a new version. */
  accept(user: User, roundId: string, feedbackId: string, dto: AcceptWordingDto): Promise<QuestionReviewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('change the wording of a question'), async (scope) => {
      const { manager, round, now } = scope;
      const feedback = await this.openFeedback(scope, feedbackId);
      const wording = dto.wording ?? feedback.suggestedWording;
      if (!wording) throw new BusinessRuleError(QuestionReviewErrorCode.WordingRequired, 'This young partner said the question was clear: write the new wording to accept, or answer them instead', { field: 'wording' });
      const question = await findQuestion(manager, round.id, feedback.questionKey);
      const versions = await manager.find(QuestionWording, { where: { roundId: round.id, questionKey: question.key }, order: { version: 'ASC' } });
      let next = (versions.at(-1)?.version ?? 0) + 1;
      // The first change keeps the lead's own wording as version 1, so no earlier wording is ever lost.
      if (versions.length === 0) {
        await manager.save(QuestionWording, manager.create(QuestionWording, { roundId: round.id, questionKey: question.key, version: next++, text: plainWords(question), fromFeedbackId: null, recordedById: round.leadId, recordedAt: now }));
      }
      const version = await manager.save(QuestionWording, manager.create(QuestionWording, { roundId: round.id, questionKey: question.key, version: next, text: wording, fromFeedbackId: feedback.id, recordedById: user.id, recordedAt: now }));
      await manager.update(Criterion, { roundId: round.id, key: question.key }, { plainLanguage: wording });
      await manager.update(QuestionFeedback, { id: feedback.id }, { outcome: 'accepted', answer: dto.answer ?? null, respondedById: user.id, respondedAt: now });
      await this.commands.save(manager, round, {}); // the criteria changed: a command racing on the old ones gets a 409
      await this.audit.record(manager, {
        type: 'question_review.wording_accepted', actorId: user.id, roundId: round.id,
        payload: { feedbackId: feedback.id, questionKey: question.key, from: plainWords(question), to: wording, version: version.version, answer: dto.answer ?? null },
      });
      return this.review(manager, round, scope.viewer);
    });
  }

  /** The lead answers a young partner without changing the wording. */
  answer(user: User, roundId: string, feedbackId: string, dto: AnswerFeedbackDto): Promise<QuestionReviewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('answer a young partner'), async (scope) => {
      const feedback = await this.openFeedback(scope, feedbackId);
      await scope.manager.update(QuestionFeedback, { id: feedback.id }, { outcome: 'answered', answer: dto.answer, respondedById: user.id, respondedAt: scope.now });
      await this.audit.record(scope.manager, { type: 'question_review.answered', actorId: user.id, roundId: scope.round.id, payload: { feedbackId: feedback.id, questionKey: feedback.questionKey, answer: dto.answer } });
      return this.review(scope.manager, scope.round, scope.viewer);
    });
  }

  setRequired(user: User, roundId: string, dto: ReviewSettingDto): Promise<QuestionReviewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('decide whether young partners must check the questions'), async ({ manager, round, viewer, now }) => {
      assertDraft(round, 'This is decided before the round is published');
      const setting = (await manager.findOneBy(QuestionReviewSetting, { roundId: round.id })) ?? manager.create(QuestionReviewSetting, { roundId: round.id });
      Object.assign(setting, { required: dto.required, setById: user.id, setAt: now });
      await manager.save(QuestionReviewSetting, setting);
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'question_review.requirement_set', actorId: user.id, roundId: round.id, payload: { required: dto.required } });
      return this.review(manager, round, viewer);
    });
  }

  /** The lead records why a young partner did not check the questions: publication need not wait for them. */
  recordWhyNot(user: User, roundId: string, dto: WhyNotCheckedDto): Promise<QuestionReviewDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record why a young partner did not check the questions'), async ({ manager, round, viewer, now }) => {
      assertDraft(round, 'This is recorded before the round is published');
      const member = await manager.findOneBy(PanelMember, { id: dto.memberId, roundId: round.id });
      if (!member || member.group !== 'youngPartner') throw new NotFoundError(QuestionReviewErrorCode.MemberNotFound, 'No young partner with this id is on the panel', { field: 'memberId' });
      const waiver = (await manager.findOneBy(QuestionReviewWaiver, { roundId: round.id, panelMemberId: member.id })) ?? manager.create(QuestionReviewWaiver, { roundId: round.id, panelMemberId: member.id });
      Object.assign(waiver, { reason: dto.reason, recordedById: user.id, recordedAt: now });
      await manager.save(QuestionReviewWaiver, waiver);
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'question_review.not_checked_recorded', actorId: user.id, roundId: round.id, payload: { panelCode: member.panelCode, reason: dto.reason } });
      return this.review(manager, round, viewer);
    });
  }

  private async openFeedback({ manager, round }: RoundScope, feedbackId: string): Promise<QuestionFeedback> {
    assertDraft(round, 'Suggestions are answered before the round is published');
    const feedback = /^[0-9a-f-]{36}$/i.test(feedbackId) ? await manager.findOneBy(QuestionFeedback, { id: feedbackId, roundId: round.id }) : null;
    if (!feedback) throw new NotFoundError(QuestionReviewErrorCode.FeedbackNotFound, 'Suggestion not found');
    if (feedback.outcome !== 'open') throw new ConflictError(QuestionReviewErrorCode.AlreadyReplied, 'This has already been answered');
    return feedback;
  }

  private async review(manager: EntityManager, round: Round, viewer: RoundViewer): Promise<QuestionReviewDto> {
    const tree = await loadCriteriaTree(manager, round.id);
    const members = await manager.find(PanelMember, { where: { roundId: round.id }, relations: { user: true }, order: { panelCode: 'ASC' } });
    const names = new Map(members.map((m) => [m.id, reviewerName(m)]));
    const everyone = viewer.seesEverything;
    const feedback = await manager.find(QuestionFeedback, { where: { roundId: round.id, ...(everyone ? {} : { panelMemberId: viewer.member!.id }) }, order: { givenAt: 'ASC', id: 'ASC' } });
    const versions = await manager.find(QuestionWording, { where: { roundId: round.id }, order: { version: 'ASC' } });
    const statuses = await reviewerStatuses(manager, round.id, tree, members);
    const mine = everyone ? null : statuses.find((s) => s.member.id === viewer.member!.id) ?? null;
    return {
      roundId: round.id,
      title: round.title,
      state: round.state,
      open: round.state === 'draft',
      required: await reviewRequired(manager, round.id),
      leads: viewer.isLead,
      me: mine && reviewerDto(mine),
      questions: questionsOf(tree).filter((q) => q.type !== 'price').map((q) => ({
        key: q.key,
        title: q.title,
        plainWords: plainWords(q),
        formalText: q.text,
        youngPartnersScore: q.type === 'quality' && q.scoredBy.includes('youngPartner'),
        feedback: feedback.filter((f) => f.questionKey === q.key).map((f) => feedbackDto(f, everyone ? names.get(f.panelMemberId) ?? 'A former panel member' : 'You')),
        versions: versions.filter((v) => v.questionKey === q.key).map(versionDto),
      })),
      youngPartners: everyone ? statuses.map(reviewerDto) : [],
    };
  }
}

function assertSees(viewer: RoundViewer): void {
  viewer.assertCanView();
  if (!viewer.seesQuestionReview) throw new ForbiddenError(QuestionReviewErrorCode.NotAllowed, "Only the round's young partners, its lead and auditors see the question check");
}

function assertChecks(viewer: RoundViewer): void {
  viewer.assertCanView();
  if (!viewer.checksQuestions) throw new ForbiddenError(QuestionReviewErrorCode.YoungPartnersOnly, "Only the round's young partners check the questions");
}

function assertDraft(round: Round, why: string): void {
  if (round.state !== 'draft') throw new ConflictError(QuestionReviewErrorCode.WrongStage, `${why}; this round is no longer a draft`, { state: round.state });
}

async function findQuestion(manager: EntityManager, roundId: string, key: string): Promise<QuestionNode> {
  const question = questionsOf(await loadCriteriaTree(manager, roundId)).find((q) => q.key === key && q.type !== 'price');
  if (!question) throw new NotFoundError(QuestionReviewErrorCode.QuestionNotFound, 'Question not found', { field: 'questionKey' });
  return question;
}

const reviewerDto = (s: ReviewerStatus): ReviewerDto => ({
  memberId: s.member.id, name: reviewerName(s.member), panelCode: s.member.panelCode, checked: s.checked, toCheck: s.toCheck, done: s.done, whyNot: s.waiver?.reason ?? null,
});

const feedbackDto = (f: QuestionFeedback, from: string): FeedbackDto => ({
  id: f.id, questionKey: f.questionKey, from, verdict: f.verdict, suggestedWording: f.suggestedWording, comment: f.comment, wordingSeen: f.wordingSeen,
  givenAt: f.givenAt.toISOString(), outcome: f.outcome, answer: f.answer, respondedAt: f.respondedAt?.toISOString() ?? null,
});

const versionDto = (v: QuestionWording): WordingVersionDto => ({ version: v.version, text: v.text, fromSuggestion: v.fromFeedbackId !== null, recordedAt: v.recordedAt.toISOString() });
