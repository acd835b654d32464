import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { GROUP_LABELS } from '../domain/panel-group.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { preferredBidOf } from '../round-core/lots.js';
import { User } from '../users/user.entity.js';
import { Criterion } from '../criteria/criterion.entity.js';
import { Consensus } from './consensus.entity.js';
import { moderationCells, toConsensusDto } from './moderation-cells.js';
import { ConsensusDto, MODERATION_PAGE, ModerationCellDto, ModerationDto, ModerationQueryDto, RecordConsensusDto } from './moderation.dto.js';
import { SentSummaries } from './sent-summaries.js';
import { ScoringErrorCode } from './scoring-error-codes.js';
import { assertMarkOnScale } from './mark-on-scale.js';

@Injectable()
export class ModerationService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService, private readonly sentSummaries: SentSummaries) {}

  /**
   * Moderation a page of bids at a time (in the order they arrived), or one cell (`bidId`, `criterionId`
   * and `group` together): the cells with their marks and, unless `reasons` is false, the panellists'
   * reasons, widest disagreement first; the round's totals are counted by the database, so a page costs
   * the same whatever the size of the round.
   */
  view(user: User, roundId: string, query: ModerationQueryDto = {}): Promise<ModerationDto> {
    const page = query.page ?? 1;
    const perPage = query.perPage ?? MODERATION_PAGE;
    const one = query.bidId && query.criterionId && query.group ? { bidId: query.bidId, criterionId: query.criterionId, group: query.group } : null;
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesIndividualMarks('individual marks'), async ({ manager, round }) => {
      const compliant = { roundId: round.id, compliance: 'compliant' as const };
      const bids = await manager.count(Bid, { where: compliant });
      const onPage = one ? [] : await manager.find(Bid, { where: compliant, order: { receivedAt: 'ASC', id: 'ASC' }, skip: (page - 1) * perPage, take: perPage, select: { id: true } });
      const reasons = query.reasons ?? true;
      const items = one ? await moderationCells(manager, round, { only: one, reasons })
        : onPage.length > 0 ? await moderationCells(manager, round, { bidIds: onPage.map((b) => b.id), reasons }) : [];
      items.sort((a, b) => (b.spread ?? -1) - (a.spread ?? -1) || a.supplierName.localeCompare(b.supplierName) || a.key.localeCompare(b.key) || a.group.localeCompare(b.group));
      const cellsPerBid = (await manager.find(Criterion, { where: { roundId: round.id, type: 'quality' }, select: { id: true, scoredBy: true } }))
        .reduce((sum, q) => sum + q.scoredBy.length, 0);
      const agreed = await manager.createQueryBuilder(Consensus, 'c').innerJoin(Bid, 'b', 'b.id = c.bidId')
        .where('c.roundId = :roundId AND b.compliance = :compliant AND c.reviewNeeded IS NULL', { roundId: round.id, compliant: 'compliant' }).getCount();
      const cells = bids * cellsPerBid;
      return { state: round.state, cells, agreed, outstanding: cells - agreed, page: one ? 1 : page, perPage, pages: Math.max(1, Math.ceil(bids / perPage)), bids, items };
    });
  }

  /** One bid's cells (every question and group, with marks and the agreed mark), under the same rule as moderation. */
  bidCells(user: User, roundId: string, bidId: string): Promise<ModerationCellDto[]> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesIndividualMarks('individual marks'), async ({ manager, round }) => {
      if (!(await manager.existsBy(Bid, { id: bidId, roundId: round.id, compliance: 'compliant' }))) return [];
      return moderationCells(manager, round, { bidIds: [bidId] });
    });
  }

  /** Records (or, naming the version it replaces, changes) a group's agreed mark. Individual marks are never touched. */
  record(user: User, roundId: string, bidId: string, criterionId: string, dto: RecordConsensusDto): Promise<ModerationCellDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('record consensus'), async ({ manager, round, now }) => {
      // At the award decision a reason may still be reworded (reg 31: it must refer to the bid) before the summaries go out.
      const rewording = round.state === 'awardDecision';
      if (round.state !== 'moderation' && !rewording) {
        throw new ConflictError(ScoringErrorCode.WrongStage, 'Consensus is recorded while the round is in moderation; at the award decision only its reason can be reworded', { state: round.state });
      }
      const bid = await manager.findOneBy(Bid, { id: bidId, roundId: round.id, compliance: 'compliant', ...IN_THE_AWARD });
      if (!bid) throw new NotFoundError(ScoringErrorCode.BidNotFound, 'Bid not found');
      const question = questionsOf(await loadCriteriaTree(manager, round.id)).find((q) => q.id === criterionId);
      if (!question || question.type !== 'quality') throw new NotFoundError(ScoringErrorCode.QuestionNotFound, 'Question not found');
      if (!question.scoredBy.includes(dto.group)) throw new BusinessRuleError(ScoringErrorCode.GroupDoesNotScore, `${question.key} is not scored by ${GROUP_LABELS[dto.group]}s`, { field: 'group' });
      assertMarkOnScale(dto.mark, round.scale);

      const cell = (await moderationCells(manager, round, { only: { bidId, criterionId, group: dto.group } }))[0];
      const givers = cell.marks.filter((m) => m.mark === dto.mark).map((m) => m.panelCode);
      const existing = await manager.findOneBy(Consensus, { bidId, criterionId, group: dto.group });
      if (existing?.reviewNeeded && !dto.reason) {
        throw new BusinessRuleError(ScoringErrorCode.ReasonRequired, `A reason is required: ${existing.reviewNeeded}`, { field: 'reason' });
      }
      if (!dto.reason && givers.length === 0) {
        throw new BusinessRuleError(ScoringErrorCode.ReasonRequired, `A reason is required: ${dto.mark} differs from every individual mark (${cell.marks.map((m) => `${m.panelCode} ${m.mark}`).join(', ') || 'none'})`, { field: 'reason' });
      }
      // Always stored: a confirmed mark says whose mark the group confirmed.
      const reason = dto.reason ?? `The group confirmed the mark given by ${givers.join(', ')}`;

      if (existing && dto.version !== existing.version) {
        throw new ConflictError(ScoringErrorCode.ConsensusExists, `A consensus of ${existing.mark} was already recorded at ${existing.recordedAt.toISOString()}; send its version (${existing.version}) to change it`, {
          consensus: { mark: existing.mark, reason: existing.reason, version: existing.version },
        });
      }
      if (!existing && dto.version !== undefined) throw new ConflictError(ScoringErrorCode.NoConsensusYet, 'There is no recorded consensus to change yet; leave out version');
      if (rewording) {
        if (!existing || dto.mark !== existing.mark || !dto.reason) {
          throw new BusinessRuleError(ScoringErrorCode.ConsensusMarkFixed, 'At the award decision a consensus keeps its mark: send the same mark with the reworded reason', { field: 'mark' });
        }
        if (await this.sentSummaries.sentFor(manager, bidId, preferredBidOf(round, bid.lotKey) ?? '')) throw new ConflictError(ScoringErrorCode.SummaryAlreadySent, `The assessment summary for ${bid.supplierName} was already sent with this reason`);
      }
      let saved: Consensus;
      if (existing) {
        const result = await manager.createQueryBuilder().update(Consensus)
          .set({ mark: dto.mark, reason, recordedById: user.id, recordedAt: now, version: existing.version + 1, reviewNeeded: null } as object)
          .where('id = :id AND version = :version', { id: existing.id, version: existing.version }).execute();
        if (result.affected !== 1) throw new ConflictError(ScoringErrorCode.ConcurrentChange, 'Someone else changed this consensus at the same time; reload and try again');
        saved = { ...existing, mark: dto.mark, reason, recordedById: user.id, recordedAt: now, version: existing.version + 1, reviewNeeded: null } as Consensus;
      } else {
        saved = await manager.save(Consensus, manager.create(Consensus, { roundId: round.id, bidId, criterionId, group: dto.group, mark: dto.mark, reason, recordedById: user.id, recordedAt: now, reviewNeeded: null }));
      }
      await this.audit.record(manager, {
        type: 'consensus.recorded', actorId: user.id, roundId: round.id,
        payload: { bidId, criterionId, questionKey: question.key, group: dto.group, mark: dto.mark, reason, ...(rewording ? { rewordedAtAwardDecision: true } : {}), individualMarks: cell.marks.map((m) => ({ panelCode: m.panelCode, mark: m.mark })), before: existing ? { mark: existing.mark, reason: existing.reason, reviewNeeded: existing.reviewNeeded } : null },
        rows: [{ table: 'consensus', id: saved.id }],
      });
      return { ...cell, consensus: await consensusDto(manager, saved) };
    });
  }
}

async function consensusDto(manager: EntityManager, c: Consensus): Promise<ConsensusDto> {
  return toConsensusDto(c, await manager.find(User, { where: { id: c.recordedById } }));
}
