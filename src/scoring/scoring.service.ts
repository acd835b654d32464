import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import type { Round } from '../round-core/round.entity.js';
import { Bid } from '../bids/bid.entity.js';
import { RoundViewer } from '../round-core/round-viewer.js';
import { AuditService } from '../audit/audit.service.js';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { Criterion } from '../criteria/criterion.entity.js';
import { GROUP_LABELS, PANEL_GROUPS } from '../domain/panel-group.js';
import { Notifications } from '../notifications/notifications.service.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { RoundCommands } from '../round-core/round-commands.js';
import type { User } from '../users/user.entity.js';
import { assignmentKey, assignmentsFor, scoresQuestion, scoringFrame } from './assignments.js';
import { interestKey, interestsByMemberAndBid } from './counted-marks.js';
import { Score } from './score.entity.js';
import { GroupProgressDto, MY_SCORING_PAGE, MyScoreDto, MyScoringDto, MyScoringQueryDto, SaveScoreDto, SubmittedDto } from './scoring.dto.js';
import { BIDS_SEALED, ENDED, SCORING_STARTED } from '../round-core/round-stages.js';
import { citationsByQuestion } from '../statements/citations.js';
import { ScoringErrorCode } from './scoring-error-codes.js';
import { assertMarkOnScale } from './mark-on-scale.js';
import { publishedClarificationsByQuestion, WHOLE_TENDER } from '../clarifications/published-clarifications.js';

@Injectable()
export class ScoringService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService, private readonly notifications: Notifications) {}

  /**
   * What the signed-in panellist must score, in their group's words: a page of organisations (or one,
   * `bidId`) with their answers and the member's drafts, and the progress over every page, counted by
   * the database. Only the page's answers and marks are read, so a page costs the same whatever the
   * size of the round.
   */
  myScoring(user: User, roundId: string, query: MyScoringInternal = {}): Promise<MyScoringDto> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertPanellist('score'), async ({ manager, round, viewer }) => (await myWork(manager, round, viewer, query)).mine);
  }

  /** One organisation to score, with where it stands among the member's organisations (for "previous" and "next"); null when it is not theirs to score. */
  myBid(user: User, roundId: string, bidId: string): Promise<{ mine: MyScoringDto; index: number; previous: Neighbour | null; next: Neighbour | null } | null> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertPanellist('score'), async ({ manager, round, viewer }) => {
      const { mine, assigned } = await myWork(manager, round, viewer, { bidId });
      const index = assigned.findIndex((b) => b.id === bidId);
      if (index < 0) return null;
      const neighbour = (b: Bid | undefined) => (b ? { bidId: b.id, supplierName: b.supplierName } : null);
      return { mine, index, previous: neighbour(assigned[index - 1]), next: neighbour(assigned[index + 1]) };
    });
  }

  /**
   * Saves (creates or changes) a draft score. Refused once submitted, outside scoring, or for a bid the
   * member may not see. Checks the one cell with targeted reads (the bid without its answers, the
   * question, the member's declaration on that bid), so its cost does not grow with the round; holds the
   * round with a shared lock (many saves at once, a transition waits), the unique index keeping one
   * mark per member and cell.
   */
  saveScore(user: User, roundId: string, bidId: string, criterionId: string, dto: SaveScoreDto): Promise<MyScoreDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertPanellist('score'), async ({ manager, round, viewer, now }) => {
      const member = viewer.member!;
      if (round.state !== 'scoring') throw new ConflictError(ScoringErrorCode.WrongStage, 'Scores can be saved only while the round is open for scoring', { state: round.state });
      if (!member.conflictsDeclaredAt) throw new ConflictError(ScoringErrorCode.ConflictsNotDeclared, 'Declare your conflicts of interest before you score');
      if (member.scoresSubmittedAt) throw new ConflictError(ScoringErrorCode.AlreadySubmitted, 'You have submitted your scores; they can no longer be changed');
      const bid = await manager.findOne(Bid, { where: { id: bidId, roundId: round.id }, select: { id: true, compliance: true } });
      if (!bid || !viewer.mayScore(bid)) throw new NotFoundError(ScoringErrorCode.BidNotFound, 'Bid not found');
      const question = await manager.findOne(Criterion, { where: { id: criterionId, roundId: round.id }, select: { id: true, key: true, type: true, scoredBy: true } });
      if (!question || question.type !== 'quality') throw new NotFoundError(ScoringErrorCode.QuestionNotFound, 'Question not found');
      if (!scoresQuestion(member, question)) {
        throw new ForbiddenError(ScoringErrorCode.NotYourGroup, `This question is scored by ${question.scoredBy.map((g) => GROUP_LABELS[g] + 's').join(' and ')}`);
      }
      assertMarkOnScale(dto.mark, round.scale);
      const existing = await manager.findOneBy(Score, { panelMemberId: member.id, bidId, criterionId });
      const before = existing ? { mark: existing.mark, justification: existing.justification } : null;
      const values = { mark: dto.mark, justification: dto.justification, updatedAt: now };
      let score: Score;
      if (existing) {
        await manager.update(Score, { id: existing.id }, values);
        score = Object.assign(existing, values);
      } else {
        score = manager.create(Score, { id: randomUUID(), roundId: round.id, bidId, criterionId, panelMemberId: member.id, submittedAt: null, ...values });
        // A second first save of the same cell at the same moment meets the unique index: a 409, nothing written.
        await manager.insert(Score, score);
      }
      await this.audit.record(manager, {
        type: 'score.saved', actorId: user.id, roundId: round.id,
        payload: { panelCode: member.panelCode, bidId, criterionId, questionKey: question.key, mark: dto.mark, justification: dto.justification, before },
        // Every audited field of the score is the existing row's (read above, in this transaction) or this save's own.
        rows: [{ table: 'scores', id: score.id, written: score }],
      });
      return toScoreDto(score);
    }, { roundLock: 'shared', bidId });
  }

  /** Submits every assigned score at once; refused (naming them) while any is missing. */
  submit(user: User, roundId: string): Promise<SubmittedDto> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertPanellist('submit scores'), async ({ manager, round, viewer, now }) => {
      const member = viewer.member!;
      if (round.state !== 'scoring') throw new ConflictError(ScoringErrorCode.WrongStage, 'Scores can be submitted only while the round is open for scoring', { state: round.state });
      if (member.scoresSubmittedAt) throw new ConflictError(ScoringErrorCode.AlreadySubmitted, 'You have already submitted your scores');
      if (!member.conflictsDeclaredAt) throw new ConflictError(ScoringErrorCode.ConflictsNotDeclared, 'Declare your conflicts of interest before you score');
      const assignments = await assignmentsFor(manager, viewer);
      const scores = await manager.find(Score, { where: { panelMemberId: member.id } });
      const have = new Set(scores.map((s) => assignmentKey(s.bidId, s.criterionId)));
      const missing = assignments.filter((a) => !have.has(assignmentKey(a.bid.id, a.question.id)));
      if (missing.length > 0) {
        throw new BusinessRuleError(ScoringErrorCode.ScoresMissing, `${missing.length} ${missing.length === 1 ? 'score is' : 'scores are'} still missing`, {
          missing: missing.map((a) => ({ bidId: a.bid.id, supplierName: a.bid.supplierName, criterionId: a.question.id, key: a.question.key, title: a.question.title })),
        });
      }
      // Only the assigned marks: a draft on a bid the member has since declared an interest in stays a draft, and never counts.
      const assignedBids = new Set(assignments.map((a) => a.bid.id));
      const submitting = scores.filter((s) => s.submittedAt === null && assignedBids.has(s.bidId)).map((s) => s.id);
      if (submitting.length > 0) await manager.update(Score, { id: In(submitting) }, { submittedAt: now });
      await manager.update(PanelMember, { id: member.id }, { scoresSubmittedAt: now });
      await this.notifications.scoresReceived(manager, now, round, member, user, assignments.length);
      await this.audit.record(manager, {
        type: 'scores.submitted', actorId: user.id, roundId: round.id, payload: { panelCode: member.panelCode, scores: assignments.length },
        rows: [{ table: 'panel_members', id: member.id }, ...submitting.map((id) => ({ table: 'scores' as const, id }))],
      });
      return { submittedAt: now.toISOString(), scores: assignments.length };
    });
  }

  /** Who has submitted and who is outstanding, per group: names and counts, never marks. */
  progress(user: User, roundId: string): Promise<GroupProgressDto[]> {
    return this.commands.query(user, roundId, (viewer) => viewer.assertSeesEverything('scoring progress'), async ({ manager, round }) => {
      const members = await manager.find(PanelMember, { where: { roundId: round.id }, relations: { user: true }, order: { panelCode: 'ASC' } });
      const frame = await scoringFrame(manager, round.id, { answers: false });
      const interests = await interestsByMemberAndBid(manager, round.id);
      // Saved marks counted by the database per member and bid (a round of 800,000 marks is never loaded),
      // on the quality questions named rather than joined. Asked by member, the count walks the unique
      // index (member, bid, question) in the order it groups by: no sort of the round's marks, no table reads.
      const quality = frame.questions.map((q) => q.id);
      const memberIds = members.map((m) => m.id);
      const saved = new Map(quality.length === 0 || memberIds.length === 0 ? [] : (await manager.createQueryBuilder(Score, 's').select('s.panelMemberId', 'memberId').addSelect('s.bidId', 'bidId').addSelect('COUNT(*)', 'count')
        .where('s.panelMemberId IN (:...memberIds)', { memberIds }).andWhere('s.criterionId IN (:...quality)', { quality })
        .groupBy('s.panelMemberId').addGroupBy('s.bidId').getRawMany<{ memberId: string; bidId: string; count: string }>())
        .map((r) => [`${r.memberId}/${r.bidId}`, Number(r.count)]));
      const rows = members.map((m) => {
        // Each member's assignments as the policy gives them to that member.
        const declared = new Set(frame.bids.filter((b) => interests.has(interestKey(m.id, b.id))).map((b) => b.id));
        const viewer = round.state === 'draft' || !m.user ? null : new RoundViewer(m.user, round, m, declared);
        const bids = viewer ? frame.bids.filter((b) => viewer.mayScore(b)) : [];
        const perBid = frame.questions.filter((q) => scoresQuestion(m, q)).length;
        const scored = bids.reduce((sum, b) => sum + (saved.get(`${m.id}/${b.id}`) ?? 0), 0);
        const total = bids.length * perBid;
        return {
          panelCode: m.panelCode, displayName: m.user?.displayName ?? m.panelCode, group: m.group, scored, total,
          submitted: m.scoresSubmittedAt !== null, withdrawn: m.withdrawnAt !== null, withdrawalReason: m.withdrawalReason,
        };
      });
      return PANEL_GROUPS.map((group) => {
        const inGroup = rows.filter((r) => r.group === group);
        return { group, members: inGroup, outstanding: inGroup.filter((r) => !r.submitted && !r.withdrawn).map((r) => r.panelCode) };
      });
    });
  }

  /** A member who steps down is recorded with a reason; their scores stay on record but no longer count. */
  withdraw(user: User, roundId: string, memberId: string, reason: string): Promise<GroupProgressDto[]> {
    return this.commands.run(user, roundId, (viewer) => viewer.assertLead('change the panel'), async ({ manager, round, now }) => {
      if (round.state === 'draft' || ENDED.has(round.state)) {
        throw new ConflictError(ScoringErrorCode.WrongStage, round.state === 'draft' ? 'In a draft, remove the member instead' : 'The round has ended', { state: round.state });
      }
      const member = await manager.findOneBy(PanelMember, { id: memberId, roundId: round.id });
      if (!member) throw new NotFoundError(ScoringErrorCode.MemberNotFound, 'Panel member not found');
      if (member.withdrawnAt) throw new ConflictError(ScoringErrorCode.AlreadyWithdrawn, `${member.panelCode} has already withdrawn`);
      await manager.update(PanelMember, { id: member.id }, { withdrawnAt: now, withdrawalReason: reason });
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'panel.member_withdrawn', actorId: user.id, roundId: round.id, payload: { panelCode: member.panelCode, reason }, rows: [{ table: 'panel_members', id: member.id }] });
    }).then(() => this.progress(user, roundId));
  }
}

interface Neighbour { bidId: string; supplierName: string }

/** The pages' own options: `withBids: false` for the progress alone, `withAnswers: false` for the page's organisations without their questions. */
type MyScoringInternal = MyScoringQueryDto & { withBids?: boolean; withAnswers?: boolean };

/** Organisations listed as still to finish on the check page, at most. */
const UNFINISHED_SHOWN = 10;

async function myWork(manager: EntityManager, round: Round, viewer: RoundViewer, query: MyScoringInternal): Promise<{ mine: MyScoringDto; assigned: Bid[] }> {
  const member = viewer.member!;
  const youngPartner = member.group === 'youngPartner';
  const ready = member.conflictsDeclaredAt !== null && SCORING_STARTED.has(round.state);
  // The bids without their answers and the questions: what the member scores is the policy's (mayScore) on these.
  const frame = ready ? await scoringFrame(manager, round.id, { answers: false }) : { bids: [], questions: [] };
  const questions = frame.questions.filter((q) => scoresQuestion(member, q));
  const assigned = questions.length > 0 ? frame.bids.filter((b) => viewer.mayScore(b)) : [];
  const questionIds = questions.map((q) => q.id);
  // The member's marks counted per bid by the database (only the page's are read).
  const counted = assigned.length === 0 ? [] : await manager.createQueryBuilder(Score, 's').select('s.bidId', 'bidId').addSelect('COUNT(*)', 'count')
    .where('s.panelMemberId = :memberId', { memberId: member.id }).andWhere('s.criterionId IN (:...questionIds)', { questionIds })
    .groupBy('s.bidId').getRawMany<{ bidId: string; count: string | number }>();
  const scoredIn = new Map(counted.map((r) => [r.bidId, Number(r.count)]));
  const scored = assigned.reduce((sum, b) => sum + (scoredIn.get(b.id) ?? 0), 0);
  const total = assigned.length * questions.length;

  const page = query.page ?? 1;
  const perPage = query.perPage ?? MY_SCORING_PAGE;
  const shown = query.withBids === false ? [] : query.bidId ? assigned.filter((b) => b.id === query.bidId) : assigned.slice((page - 1) * perPage, page * perPage);
  const ids = query.withAnswers === false ? [] : shown.map((b) => b.id);
  const answers = new Map(ids.length ? (await manager.find(Bid, { where: { id: In(ids) }, select: { id: true, responses: true } })).map((b) => [b.id, b.responses]) : []);
  const scores = new Map(ids.length ? (await manager.find(Score, { where: { panelMemberId: member.id, bidId: In(ids) } })).map((s) => [assignmentKey(s.bidId, s.criterionId), s]) : []);
  const cited = ids.length ? await citationsByQuestion(manager, round.id, { shareableOnly: true }) : new Map();
  const clarified = await publishedClarificationsByQuestion(manager, round.id);
  const bids = shown.map((bid) => ({
    bidId: bid.id, supplierName: bid.supplierName, ...(bid.lotKey ? { lotKey: bid.lotKey } : {}), practice: bid.practice, scored: scoredIn.get(bid.id) ?? 0, total: questions.length,
    questions: query.withAnswers === false ? [] : questions.map((question) => {
      const score = scores.get(assignmentKey(bid.id, question.id));
      return {
        criterionId: question.id,
        key: question.key,
        title: question.title,
        question: youngPartner ? question.plainLanguage ?? question.text : question.text,
        formalText: question.text,
        guidance: question.guidance,
        response: answers.get(bid.id)?.[question.key] ?? '(no answer given)',
        score: score ? toScoreDto(score) : null,
        fromYoungPeople: cited.get(question.key) ?? [],
        clarifications: clarified.get(question.key) ?? [],
      };
    }),
  }));
  const unfinished = assigned.filter((b) => (scoredIn.get(b.id) ?? 0) < questions.length);
  const mine: MyScoringDto = {
    roundId: round.id,
    title: round.title,
    state: round.state,
    panelCode: member.panelCode,
    group: member.group,
    conflictsDeclared: member.conflictsDeclaredAt !== null,
    open: round.state === 'scoring' && ready && !member.scoresSubmittedAt,
    submittedAt: member.scoresSubmittedAt?.toISOString() ?? null,
    nextStep: nextStep(round.state, member, scored, total),
    marks: round.scale.descriptors.map((d) => ({ mark: d.mark, label: d.label, description: youngPartner ? d.plainLanguage : d.description })),
    progress: { scored, total, percent: total ? Math.floor((scored * 100) / total) : 0 },
    organisations: assigned.length,
    page: query.bidId ? 1 : page,
    perPage,
    pages: Math.max(1, Math.ceil(assigned.length / perPage)),
    bids,
    unfinished: unfinished.slice(0, UNFINISHED_SHOWN).map((b) => ({ bidId: b.id, supplierName: b.supplierName, left: questions.length - (scoredIn.get(b.id) ?? 0) })),
    generalClarifications: clarified.get(WHOLE_TENDER) ?? [],
  };
  return { mine, assigned };
}

function toScoreDto(score: Score): MyScoreDto {
  return { mark: score.mark, justification: score.justification, status: score.submittedAt ? 'submitted' : 'draft', updatedAt: score.updatedAt.toISOString() };
}

function nextStep(state: string, member: PanelMember, scored: number, total: number): string | null {
  if (BIDS_SEALED.has(state)) return 'The applications are not open yet. We will let you know when they are.';
  if (!member.conflictsDeclaredAt) return 'First, tell us if you know any of the organisations that applied.';
  if (state === 'compliance') return 'Thank you. Scoring opens once the applications have been checked.';
  if (member.scoresSubmittedAt) return 'You have sent your scores. Thank you!';
  if (state !== 'scoring') return 'Scoring has closed.';
  if (scored < total) return `Score each answer: ${total - scored} left to do.`;
  return 'All done. Check your scores, then send them.';
}
