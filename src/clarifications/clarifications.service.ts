import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { AuditService } from '../audit/audit.service.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { RoundCommands, type RoundScope } from '../round-core/round-commands.js';
import type { Round } from '../round-core/round.entity.js';
import type { User } from '../users/user.entity.js';
import { Clarification, clarificationRef, statusOf } from './clarification.entity.js';
import { ClarificationDto, PublishClarificationDto, RecordClarificationDto, SupersedeClarificationDto } from './clarification.dto.js';
import { ClarificationsErrorCode } from './clarifications-error-codes.js';

/** Clarifications are asked and answered while the round is open for tenders. */
const OPEN = 'tendering';

/**
 * The clarification log: the lead records each question as received, answers it, and publishes the
 * answer to every bidder; a published clarification is only ever superseded, never edited.
 */
@Injectable()
export class ClarificationsService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  record(actor: User, roundId: string, dto: RecordClarificationDto): Promise<ClarificationDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('record clarifications'), async (scope) => {
      const { manager, round, now } = scope;
      assertOpen(round);
      await checkQuestion(scope, dto);
      const last = await manager.findOne(Clarification, { where: { roundId: round.id }, order: { number: 'DESC' }, select: { id: true, number: true } });
      const saved = await manager.save(Clarification, manager.create(Clarification, {
        roundId: round.id, number: (last?.number ?? 0) + 1, ...fieldsOf(dto), publishedAt: null,
        supersedesId: null, supersededById: null, supersedeReason: null, recordedById: actor.id, recordedAt: now,
      }));
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'clarification.recorded', actorId: actor.id, roundId: round.id, payload: { clarificationId: saved.id, reference: clarificationRef(saved.number), questionKey: saved.questionKey }, rows: [{ table: 'clarifications', id: saved.id }] });
      return toDto(saved, scope.viewer, await references(manager, round.id));
    });
  }

  /** A draft (unpublished) clarification may be corrected; a published one only superseded. */
  update(actor: User, roundId: string, clarificationId: string, dto: RecordClarificationDto): Promise<ClarificationDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('change clarifications'), async (scope) => {
      const { manager, round } = scope;
      const clarification = await find(manager, round.id, clarificationId);
      assertOpen(round);
      if (clarification.publishedAt) throw new ConflictError(ClarificationsErrorCode.AlreadyPublished, `${clarificationRef(clarification.number)} has been published to bidders: it cannot be changed, only superseded by a new clarification`);
      await checkQuestion(scope, dto);
      Object.assign(clarification, fieldsOf(dto));
      await manager.save(Clarification, clarification);
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'clarification.changed', actorId: actor.id, roundId: round.id, payload: { clarificationId: clarification.id, reference: clarificationRef(clarification.number) }, rows: [{ table: 'clarifications', id: clarification.id }] });
      return toDto(clarification, scope.viewer, await references(manager, round.id));
    });
  }

  publish(actor: User, roundId: string, clarificationId: string, dto: PublishClarificationDto): Promise<ClarificationDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('publish clarifications'), async (scope) => {
      const { manager, round } = scope;
      const clarification = await find(manager, round.id, clarificationId);
      assertOpen(round);
      if (clarification.publishedAt) throw new ConflictError(ClarificationsErrorCode.AlreadyPublished, `${clarificationRef(clarification.number)} is already published`);
      if (!clarification.answer) throw new BusinessRuleError(ClarificationsErrorCode.AnswerRequired, `${clarificationRef(clarification.number)} needs an answer before it is published`, { field: 'answer' });
      clarification.publishedAt = publicationTime(dto, clarification, scope.now);
      await manager.save(Clarification, clarification);
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'clarification.published', actorId: actor.id, roundId: round.id, payload: { clarificationId: clarification.id, reference: clarificationRef(clarification.number), publishedAt: clarification.publishedAt.toISOString(), changesTenderDocuments: clarification.changesTenderDocuments }, rows: [{ table: 'clarifications', id: clarification.id }] });
      return toDto(clarification, scope.viewer, await references(manager, round.id));
    });
  }

  /** A corrected answer to a published clarification: a new, published clarification that replaces it. */
  supersede(actor: User, roundId: string, clarificationId: string, dto: SupersedeClarificationDto): Promise<ClarificationDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('supersede clarifications'), async (scope) => {
      const { manager, round, now } = scope;
      const old = await find(manager, round.id, clarificationId);
      assertOpen(round);
      if (!old.publishedAt) throw new ConflictError(ClarificationsErrorCode.NotPublished, `${clarificationRef(old.number)} is not published yet: change it instead`);
      if (old.supersededById) throw new ConflictError(ClarificationsErrorCode.AlreadySuperseded, `${clarificationRef(old.number)} has already been superseded`);
      const last = await manager.findOne(Clarification, { where: { roundId: round.id }, order: { number: 'DESC' }, select: { id: true, number: true } });
      const replacement = await manager.save(Clarification, manager.create(Clarification, {
        roundId: round.id, number: last!.number + 1, questionKey: old.questionKey, question: old.question, receivedAt: old.receivedAt, askedBy: old.askedBy,
        answer: dto.answer, changesTenderDocuments: dto.changesTenderDocuments ?? false, publishedAt: publicationTime(dto, old, now),
        supersedesId: old.id, supersededById: null, supersedeReason: dto.reason, recordedById: actor.id, recordedAt: now,
      }));
      if (replacement.publishedAt! < old.publishedAt) throw new BusinessRuleError(ClarificationsErrorCode.DateInvalid, `The correction cannot be published before ${clarificationRef(old.number)} was (${old.publishedAt.toISOString()})`, { field: 'publishedAt' });
      old.supersededById = replacement.id;
      await manager.save(Clarification, old);
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, {
        type: 'clarification.superseded', actorId: actor.id, roundId: round.id,
        payload: { clarificationId: replacement.id, reference: clarificationRef(replacement.number), supersedes: clarificationRef(old.number), reason: dto.reason, publishedAt: replacement.publishedAt!.toISOString() },
        rows: [{ table: 'clarifications', id: replacement.id }, { table: 'clarifications', id: old.id }],
      });
      return toDto(replacement, scope.viewer, await references(manager, round.id));
    });
  }

  /** The log as the caller may see it: everything for the lead and auditors; published ones, without askers, for the panel. */
  list(actor: User, roundId: string): Promise<ClarificationDto[]> {
    return this.commands.query(actor, roundId, (viewer) => viewer.assertCanView(), async ({ manager, round, viewer }) => {
      const all = await manager.find(Clarification, { where: { roundId: round.id }, order: { number: 'ASC' } });
      const refs = new Map(all.map((c) => [c.id, clarificationRef(c.number)]));
      return all.filter((c) => c.publishedAt || viewer.seesUnpublishedClarifications).map((c) => toDto(c, viewer, refs));
    });
  }
}

function assertOpen(round: Round): void {
  if (round.state !== OPEN) throw new ConflictError(ClarificationsErrorCode.WrongStage, 'Clarifications are recorded while the round is open for tenders', { state: round.state });
}

async function find(manager: EntityManager, roundId: string, id: string): Promise<Clarification> {
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await manager.findOneBy(Clarification, { id, roundId }) : null;
  if (!found) throw new NotFoundError(ClarificationsErrorCode.NotFound, 'Clarification not found');
  return found;
}

/** The question it concerns is one the round asks; it arrived by the clarification deadline and not in the future. */
async function checkQuestion({ manager, round, now }: RoundScope, dto: RecordClarificationDto): Promise<void> {
  if (dto.questionKey && !questionsOf(await loadCriteriaTree(manager, round.id)).some((q) => q.key === dto.questionKey)) {
    throw new BusinessRuleError(ClarificationsErrorCode.QuestionNotFound, `This round has no question ${dto.questionKey}`, { field: 'questionKey' });
  }
  const receivedAt = new Date(dto.receivedAt);
  if (receivedAt > now) throw new BusinessRuleError(ClarificationsErrorCode.DateInvalid, 'A question cannot be received in the future', { field: 'receivedAt' });
  if (round.clarificationDeadline && receivedAt > round.clarificationDeadline) {
    throw new BusinessRuleError(ClarificationsErrorCode.DateInvalid, `The question arrived after the clarification deadline (${round.clarificationDeadline.toISOString()})`, { field: 'receivedAt' });
  }
}

function fieldsOf(dto: RecordClarificationDto) {
  return {
    questionKey: dto.questionKey ?? null, question: dto.question, receivedAt: new Date(dto.receivedAt), askedBy: dto.askedBy ?? null,
    answer: dto.answer ?? null, changesTenderDocuments: dto.changesTenderDocuments ?? false,
  };
}

function publicationTime(dto: PublishClarificationDto, clarification: Clarification, now: Date): Date {
  const at = dto.publishedAt ? new Date(dto.publishedAt) : now;
  if (at > now) throw new BusinessRuleError(ClarificationsErrorCode.DateInvalid, 'An answer cannot be published in the future', { field: 'publishedAt' });
  if (at < clarification.receivedAt) throw new BusinessRuleError(ClarificationsErrorCode.DateInvalid, 'An answer cannot be published before its question was received', { field: 'publishedAt' });
  return at;
}

async function references(manager: EntityManager, roundId: string): Promise<Map<string, string>> {
  const all = await manager.find(Clarification, { where: { roundId }, select: { id: true, number: true } });
  return new Map(all.map((c) => [c.id, clarificationRef(c.number)]));
}

function toDto(c: Clarification, viewer: RoundViewer, refs: Map<string, string>): ClarificationDto {
  return {
    id: c.id,
    reference: clarificationRef(c.number),
    questionKey: c.questionKey,
    question: c.question,
    receivedAt: c.receivedAt.toISOString(),
    ...(viewer.seesClarificationAskers ? { askedBy: c.askedBy } : {}),
    answer: c.answer,
    changesTenderDocuments: c.changesTenderDocuments,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    status: statusOf(c),
    supersedes: c.supersedesId ? refs.get(c.supersedesId) ?? null : null,
    supersededBy: c.supersededById ? refs.get(c.supersededById) ?? null : null,
    supersedeReason: c.supersedeReason,
  };
}
