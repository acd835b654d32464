import { EntityManager } from 'typeorm';
import type { RoundEventType, RoundFacts } from '../../workflows/index.js';
import { summariesNotSent } from '../award/award-facts.js';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { loadCriteriaTree, questionsOf, type SectionNode } from '../criteria/criteria-tree.js';
import { panelProblems } from '../panel/panel-facts.js';
import { youngPartnersYetToCheckQuestions } from '../question-review/review-facts.js';
import { weightProblems } from '../results/index.js';
import { anyLotAwarded, lotsUndecided } from '../round-core/lots.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import type { Round } from '../round-core/round.entity.js';
import { consensusOutstanding } from '../scoring/scoring-facts.js';

/** The round's criteria, panel (in panel-code order, with users) and bids: what its page and its facts both read. */
export interface RoundParts {
  tree: SectionNode[];
  members: PanelMember[];
  bids: Bid[];
}

const loadTree = (manager: EntityManager, roundId: string) => loadCriteriaTree(manager, roundId);
const loadMembers = (manager: EntityManager, roundId: string) =>
  manager.find(PanelMember, { where: { roundId }, relations: { user: true }, order: { panelCode: 'ASC' } });
// Everything but the answers, which neither the round's page nor the facts show (they are most of a bid's bytes).
const loadBids = (manager: EntityManager, roundId: string) =>
  manager.find(Bid, {
    where: { roundId, ...IN_THE_AWARD },
    order: { receivedAt: 'ASC' },
    select: { id: true, roundId: true, supplierName: true, lotKey: true, price: true, receivedAt: true, registeredById: true, compliance: true, complianceReason: true, complianceDecidedAt: true, practice: true },
  });

export async function loadRoundParts(manager: EntityManager, roundId: string): Promise<RoundParts> {
  return { tree: await loadTree(manager, roundId), members: await loadMembers(manager, roundId), bids: await loadBids(manager, roundId) };
}

/** A round's parts, each read at most once and only when a fact asks for it. */
class Sources {
  private readonly cache = new Map<string, Promise<unknown>>();
  constructor(readonly manager: EntityManager, readonly round: Round, readonly now: Date, readonly shortlistConfirmed: boolean, loaded?: RoundParts) {
    if (loaded) for (const [key, value] of Object.entries(loaded)) this.cache.set(key, Promise.resolve(value));
  }
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, load());
    return this.cache.get(key) as Promise<T>;
  }
  tree = () => this.once('tree', () => loadTree(this.manager, this.round.id));
  bids = () => this.once('bids', () => loadBids(this.manager, this.round.id));
  /** The panel as it stands: withdrawn members no longer count. */
  members = async () => (await this.once('members', () => loadMembers(this.manager, this.round.id))).filter((m) => m.withdrawnAt === null);
}

/**
 * How each fact is found. A feature answers through a small query function it exports (panel-facts,
 * scoring-facts, award-facts), so this module reads the features and none of them reads it. A new fact:
 * add it to RoundFacts (workflows/facts.ts), here, and to FACTS_FOR_EVENT for the events whose guards read it.
 */
const FACTS: { [K in keyof RoundFacts]-?: (s: Sources) => RoundFacts[K] | Promise<RoundFacts[K]> } = {
  now: (s) => s.now.toISOString(),
  tenderDeadline: (s) => s.round.tenderDeadline?.toISOString() ?? null,
  weightProblems: async (s) => weightProblems(await s.tree()),
  panelProblems: async (s) => {
    const tree = await s.tree();
    return panelProblems(questionsOf(tree), tree.length, await s.members());
  },
  conflictsAssessmentRecorded: (s) => s.round.conflictsAssessment !== null,
  membersWithoutConflictDeclaration: async (s) => (await s.members()).filter((m) => !m.conflictsDeclaredAt).map((m) => m.panelCode),
  panelSize: async (s) => (await s.members()).length,
  bidsReceived: async (s) => (await s.bids()).length,
  bidsAwaitingCompliance: async (s) => (await s.bids()).filter((b) => b.compliance === 'pending').length,
  compliantBids: async (s) => (await s.bids()).filter((b) => b.compliance === 'compliant').length,
  shortlistConfirmed: (s) => s.shortlistConfirmed,
  membersWithScoresOutstanding: async (s) => (await s.members()).filter((m) => !m.scoresSubmittedAt).map((m) => m.panelCode),
  consensusOutstanding: async (s) => (s.round.state === 'moderation' ? consensusOutstanding(s.manager, s.round) : 0),
  preferredBidRecorded: (s) => anyLotAwarded(s.round),
  lotsUndecided: (s) => lotsUndecided(s.round),
  summariesNotSent: async (s) => (s.round.state === 'awardDecision' ? summariesNotSent(s.manager, s.round, await s.bids()) : []),
  youngPartnersYetToCheckQuestions: async (s) => (s.round.state === 'draft' ? youngPartnersYetToCheckQuestions(s.manager, s.round.id, await s.tree(), await s.members()) : []),
};

const ALL_FACTS = Object.keys(FACTS) as (keyof RoundFacts)[];

/**
 * The facts each event's guards and actions read (workflows/guards.ts, blocks.ts); a unit test checks
 * this against the guards. `now` is read by the actions (award notice, standstill) of several events.
 */
export const FACTS_FOR_EVENT: Record<RoundEventType, readonly (keyof RoundFacts)[]> = {
  PUBLISH: ['now', 'tenderDeadline', 'weightProblems', 'panelProblems', 'conflictsAssessmentRecorded', 'youngPartnersYetToCheckQuestions'],
  SHORTLIST_CONFIRMED: ['now', 'tenderDeadline', 'shortlistConfirmed'],
  TENDER_DEADLINE_PASSED: ['now', 'tenderDeadline'],
  COMPLETE_COMPLIANCE: ['now', 'bidsAwaitingCompliance', 'compliantBids', 'membersWithoutConflictDeclaration', 'panelSize'],
  CLOSE_SCORING: ['now', 'membersWithScoresOutstanding'],
  CLOSE_MODERATION: ['now', 'consensusOutstanding'],
  ISSUE_AWARD_NOTICE: ['now', 'preferredBidRecorded', 'lotsUndecided', 'summariesNotSent'],
  CHALLENGE_RECEIVED: ['now'],
  RESUME_STANDSTILL: ['now'],
  REVISIT_DECISION: ['now'],
  REPRESENTATIONS_RECEIVED: ['now'],
  REVIEW_COMPLETED: ['now'],
  STANDSTILL_ELAPSED: ['now'],
  CANCEL: ['now'],
};

/** What a fact is when its event does not read it: never shown, never decided on. */
const NOT_READ: RoundFacts = {
  now: '', tenderDeadline: null, weightProblems: [], panelProblems: [], conflictsAssessmentRecorded: false, membersWithoutConflictDeclaration: [],
  panelSize: 0, bidsReceived: 0, bidsAwaitingCompliance: 0, compliantBids: 0, shortlistConfirmed: false, membersWithScoresOutstanding: [],
  consensusOutstanding: 0, preferredBidRecorded: false, lotsUndecided: [], summariesNotSent: [], youngPartnersYetToCheckQuestions: [],
};

/**
 * What the workflow's guards decide from, read inside the command's transaction. With `event`, only
 * the facts that event reads (the rest are NOT_READ); without it, all of them (the next steps of the
 * round's page, and a refusal, which lists every next step).
 */
export async function computeFacts(
  manager: EntityManager,
  round: Round,
  now: Date,
  extra: { event?: RoundEventType; shortlistConfirmed?: boolean; loaded?: RoundParts } = {},
): Promise<RoundFacts> {
  const sources = new Sources(manager, round, now, extra.shortlistConfirmed ?? false, extra.loaded);
  const facts: Record<string, unknown> = { ...NOT_READ };
  // One after another: the reads share one transaction (and on SQLite one connection).
  for (const key of extra.event ? FACTS_FOR_EVENT[extra.event] : ALL_FACTS) facts[key] = await FACTS[key](sources);
  return facts as unknown as RoundFacts;
}
