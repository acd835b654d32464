import { EntityManager } from 'typeorm';
import type { RoundFacts } from '../../workflows/index.js';
import { stillHolds, SummarySent } from '../award/summary-records.entity.js';
import { Bid, IN_THE_AWARD } from '../bids/bid.entity.js';
import { loadCriteriaTree, questionsOf, type SectionNode } from '../criteria/criteria-tree.js';
import { GROUP_LABELS, PANEL_GROUPS } from '../panel/panel-group.js';
import { PanelMember } from '../panel/panel-member.entity.js';
import { youngPartnersYetToCheckQuestions } from '../question-review/review-facts.js';
import { weightProblems } from '../results/index.js';
import { moderationCells } from '../scoring/moderation-cells.js';
import type { Round } from './round.entity.js';

/** The round's criteria, panel (in panel-code order, with users) and bids: what its page and its facts both read. */
export interface RoundParts {
  tree: SectionNode[];
  members: PanelMember[];
  bids: Bid[];
}

export async function loadRoundParts(manager: EntityManager, roundId: string): Promise<RoundParts> {
  return {
    tree: await loadCriteriaTree(manager, roundId),
    members: await manager.find(PanelMember, { where: { roundId }, relations: { user: true }, order: { panelCode: 'ASC' } }),
    // Everything but the answers, which neither the round's page nor the facts show (they are most of a bid's bytes).
    bids: await manager.find(Bid, {
      where: { roundId, ...IN_THE_AWARD },
      order: { receivedAt: 'ASC' },
      select: { id: true, roundId: true, supplierName: true, price: true, receivedAt: true, registeredById: true, compliance: true, complianceReason: true, complianceDecidedAt: true, practice: true },
    }),
  };
}

/** Compliant (assessed) bidders whose assessment summary has not been marked sent, or named another preferred bidder. */
async function summariesNotSent(manager: EntityManager, round: Round, bids: Bid[]): Promise<string[]> {
  const records = await manager.find(SummarySent, { where: { roundId: round.id }, select: { bidId: true, preferredBidId: true } });
  const sent = new Set(records.filter((r) => stillHolds(r, round)).map((s) => s.bidId));
  return bids.filter((b) => b.compliance === 'compliant' && !sent.has(b.id)).map((b) => b.supplierName);
}

/**
 * What the workflow's guards decide from, read from the database inside the command's transaction.
 * Scoring facts (outstanding scores, consensus, preferred bid) come from the scoring tables.
 */
export async function computeFacts(
  manager: EntityManager,
  round: Round,
  now: Date,
  extra: { shortlistConfirmed?: boolean; loaded?: RoundParts } = {},
): Promise<RoundFacts> {
  const { tree, members: everyone, bids } = extra.loaded ?? (await loadRoundParts(manager, round.id));
  const questions = questionsOf(tree);
  const members = everyone.filter((m) => m.withdrawnAt === null);

  const panelProblems: string[] = [];
  if (members.length === 0) panelProblems.push('No panel members have been added');
  for (const group of PANEL_GROUPS) {
    const scored = questions.filter((q) => q.type === 'quality' && q.scoredBy.includes(group));
    if (scored.length > 0 && !members.some((m) => m.group === group)) {
      panelProblems.push(`No ${GROUP_LABELS[group]} is on the panel, but ${scored.length === 1 ? 'question' : 'questions'} ${scored.map((q) => q.key).join(', ')} ${scored.length === 1 ? 'is' : 'are'} scored by ${GROUP_LABELS[group]}s`);
    }
  }
  if (tree.length === 0) panelProblems.push('The round has no criteria');

  return {
    now: now.toISOString(),
    tenderDeadline: round.tenderDeadline?.toISOString() ?? null,
    weightProblems: weightProblems(tree),
    panelProblems,
    conflictsAssessmentRecorded: round.conflictsAssessment !== null,
    membersWithoutConflictDeclaration: members.filter((m) => !m.conflictsDeclaredAt).map((m) => m.panelCode),
    panelSize: members.length,
    bidsReceived: bids.length,
    bidsAwaitingCompliance: bids.filter((b) => b.compliance === 'pending').length,
    compliantBids: bids.filter((b) => b.compliance === 'compliant').length,
    shortlistConfirmed: extra.shortlistConfirmed ?? false,
    membersWithScoresOutstanding: members.filter((m) => !m.scoresSubmittedAt).map((m) => m.panelCode),
    // Every bid x question x scoring group needs an agreed mark before moderation can close, and one
    // flagged for review (a declared interest since it was agreed) needs the lead to confirm it again.
    consensusOutstanding: round.state === 'moderation' ? (await moderationCells(manager, round, { withMarks: false })).filter((cell) => !cell.consensus || cell.consensus.reviewNeeded).length : 0,
    preferredBidRecorded: round.awardDecision !== null,
    summariesNotSent: round.state === 'awardDecision' ? await summariesNotSent(manager, round, bids) : [],
    youngPartnersYetToCheckQuestions: round.state === 'draft' ? await youngPartnersYetToCheckQuestions(manager, round.id, tree, members) : [],
  };
}
