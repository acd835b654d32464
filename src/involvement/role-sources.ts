import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Bid } from '../bids/bid.entity.js';
import { KpiReview } from '../contracts/kpi.entity.js';
import type { PanelMember } from '../round-core/panel-member.entity.js';
import { QuestionFeedback } from '../question-review/question-review.entity.js';
import { Consensus } from '../scoring/consensus.entity.js';
import { Score } from '../scoring/score.entity.js';

export type InvolvementRole = 'questionReview' | 'scoring' | 'moderation' | 'contractReview';

/** One thing a young partner did in one piece of work, with when, and what it amounted to. */
export interface Activity {
  roundId: string;
  role: InvolvementRole;
  from: Date;
  to: Date;
  /** Organisations' applications they assessed (scoring). */
  applications?: number;
  /** Questions they checked or scored. */
  questions?: number;
  /** Anything else worth counting, in words ("12 marks agreed with the group"). */
  count?: string;
}

/**
 * Where one role's activities come from. The record asks every source in ROLE_SOURCES, so a new kind of
 * involvement (e.g. reviewing a contract's performance) is one more entry, written where its data lives.
 * `seats` are the young partner's seats in the young partner group of rounds (withdrawn ones included:
 * what they did before stepping down still counts).
 */
export interface RoleSource {
  role: InvolvementRole;
  /** What to call it, on a CV. */
  label: string;
  /** One sentence, in plain words and the past tense ("Checked 2 questions ..."), that says what they did. */
  describe: (activity: Activity) => string;
  /** Skills it shows, in words an employer recognises. */
  skills: string[];
  load: (manager: EntityManager, seats: PanelMember[]) => Promise<Activity[]>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const earliest = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
const latest = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

function bySeat<T extends { panelMemberId: string }>(rows: T[], seats: PanelMember[]): [PanelMember, T[]][] {
  return seats.map((seat) => [seat, rows.filter((r) => r.panelMemberId === seat.id)] as [PanelMember, T[]]).filter(([, mine]) => mine.length > 0);
}

const questionReview: RoleSource = {
  role: 'questionReview',
  label: 'Question review',
  describe: (a) => `Checked ${plural(a.questions ?? 0, 'question')} before they were published, saying whether each was clear or suggesting better words.`,
  skills: ['Reviewing written documents for clarity', 'Giving constructive feedback on wording'],
  async load(manager, seats) {
    const rows = await manager.find(QuestionFeedback, { where: { panelMemberId: In(seats.map((s) => s.id)) }, select: { panelMemberId: true, questionKey: true, givenAt: true } });
    return bySeat(rows, seats).map(([seat, mine]) => ({
      roundId: seat.roundId, role: 'questionReview', from: earliest(mine.map((r) => r.givenAt)), to: latest(mine.map((r) => r.givenAt)), questions: new Set(mine.map((r) => r.questionKey)).size,
    }));
  },
};

/** Submitted marks on real applications (practice ones are training, not assessment). */
async function submittedScores(manager: EntityManager, seats: PanelMember[]): Promise<Score[]> {
  const scores = await manager.find(Score, { where: { panelMemberId: In(seats.map((s) => s.id)), submittedAt: Not(IsNull()) }, select: { panelMemberId: true, roundId: true, bidId: true, criterionId: true, updatedAt: true, submittedAt: true } });
  if (scores.length === 0) return [];
  const practice = new Set((await manager.find(Bid, { where: { id: In([...new Set(scores.map((s) => s.bidId))]), practice: true }, select: { id: true } })).map((b) => b.id));
  return scores.filter((s) => !practice.has(s.bidId));
}

const scoring: RoleSource = {
  role: 'scoring',
  label: 'Scoring',
  describe: (a) => `Read and scored ${plural(a.applications ?? 0, "organisation's application", "organisations' applications")} against ${plural(a.questions ?? 0, 'question')}, writing a reason for every mark.`,
  skills: ['Assessing written proposals against set criteria', 'Writing clear reasons for decisions', 'Keeping information confidential'],
  async load(manager, seats) {
    return bySeat(await submittedScores(manager, seats), seats).map(([seat, mine]) => ({
      roundId: seat.roundId, role: 'scoring', from: earliest(mine.map((s) => s.updatedAt)), to: latest(mine.map((s) => s.submittedAt!)),
      applications: new Set(mine.map((s) => s.bidId)).size, questions: new Set(mine.map((s) => s.criterionId)).size,
    }));
  },
};

/** The young partners agree their group's marks together: a young partner who scored a round took part in agreeing them. */
const moderation: RoleSource = {
  role: 'moderation',
  label: 'Moderation',
  describe: (a) => `Discussed marks with the other young partners and agreed the group's marks${a.count ? ` (${a.count})` : ''}.`,
  skills: ['Working in a team to reach agreement', 'Explaining and standing up for a view'],
  async load(manager, seats) {
    const scored = bySeat(await submittedScores(manager, seats), seats);
    if (scored.length === 0) return [];
    const agreed = await manager.find(Consensus, { where: { roundId: In(scored.map(([seat]) => seat.roundId)), group: 'youngPartner' }, select: { roundId: true, bidId: true, recordedAt: true } });
    return scored.flatMap(([seat, mine]) => {
      const theirBids = new Set(mine.map((s) => s.bidId));
      const marks = agreed.filter((c) => c.roundId === seat.roundId && theirBids.has(c.bidId));
      if (marks.length === 0) return [];
      return [{ roundId: seat.roundId, role: 'moderation' as const, from: earliest(marks.map((c) => c.recordedAt)), to: latest(marks.map((c) => c.recordedAt)), count: plural(marks.length, 'mark') }];
    });
  },
};

/** After the award: reviewing each reporting period of the contract's KPIs ("Is this what young people asked for?"). */
const contractReview: RoleSource = {
  role: 'contractReview',
  label: 'Contract review',
  describe: (a) => `Reviewed how the service was doing: ${a.count}, saying whether each result was what young people asked for.`,
  skills: ['Reading performance figures against targets', 'Holding a service to account for what it promised'],
  async load(manager, seats) {
    const rows = await manager.find(KpiReview, { where: { panelMemberId: In(seats.map((s) => s.id)) }, select: { panelMemberId: true, periodId: true, reviewedAt: true } });
    return bySeat(rows, seats).map(([seat, mine]) => ({
      roundId: seat.roundId, role: 'contractReview', from: earliest(mine.map((r) => r.reviewedAt)), to: latest(mine.map((r) => r.reviewedAt)),
      count: plural(new Set(mine.map((r) => r.periodId)).size, 'reporting period'),
    }));
  },
};

/** Every source of a young partner's involvement, in the order a CV lists them. */
export const ROLE_SOURCES: RoleSource[] = [questionReview, scoring, moderation, contractReview];
