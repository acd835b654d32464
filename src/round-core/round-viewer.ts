import { BusinessRuleError, ForbiddenError, NotFoundError, NotYetVisibleError } from '../common/errors.js';
import type { PanelMember } from './panel-member.entity.js';
import type { Round } from './round.entity.js';
import type { User } from '../users/user.entity.js';
import { BIDS_SEALED, SCORING_CLOSED, SCORING_STARTED } from './round-stages.js';
import { AccessErrorCode } from './access-error-codes.js';

/** What the policy needs to know of a bid. */
export interface BidFacts {
  id: string;
  compliance: 'pending' | 'compliant' | 'excluded';
}

/**
 * The access policy of one round: who the caller is in relation to it, and every rule of the access
 * table in ../shared/docs/design.md as a method. Every service, page and export asks this object, so
 * each rule is written once, here. A caller who may not know the round exists gets 404, never 403.
 *
 * | rule                              | method                    |
 * |-----------------------------------|---------------------------|
 * | who may know the round exists     | canView                   |
 * | define, register, move, moderate  | assertLead                |
 * | score                             | assertPanellist, mayScore |
 * | see a bid (names)                 | seesBid                   |
 * | see a bid's answers               | seesAnswers               |
 * | see prices                        | seesPrices                |
 * | see individual marks and results  | seesIndividualMarks       |
 * | sit on the panel                  | panelSeatRefusal          |
 * | i-Statements without consent      | seesUnconsentedStatements |
 * | check the questions (draft)       | checksQuestions           |
 * | see the question review           | seesQuestionReview        |
 * | the contract's KPIs, "you said..." | assertSeesContract        |
 * | review a KPI reporting period     | assertReviewsContract     |
 * | who asked a clarification         | seesClarificationAskers   |
 * | clarifications not yet published  | seesUnpublishedClarifications |
 *
 * The i-Statement library is the organisation's, not a round's: its rules are StatementAccess below.
 */
export class RoundViewer {
  /** `declaredInterests`: the bids the caller (as a panel member) has declared an interest in. */
  constructor(
    readonly user: User,
    readonly round: Round,
    readonly member: PanelMember | null,
    private readonly declaredInterests: ReadonlySet<string> = new Set(),
  ) {}

  get isLead(): boolean {
    return this.round.leadId === this.user.id && this.user.roles.includes('commissioner');
  }

  get isAuditor(): boolean {
    return this.user.roles.includes('auditor');
  }

  /** An active (not withdrawn) panel member holding the panellist role. */
  get isPanellist(): boolean {
    return this.member !== null && this.member.withdrawnAt === null && this.user.roles.includes('panellist');
  }

  get canView(): boolean {
    return this.isLead || this.isAuditor || this.isPanellist;
  }

  assertCanView(): this {
    if (!this.canView) throw new NotFoundError(AccessErrorCode.RoundNotFound, 'Round not found');
    return this;
  }

  /** Defining the round, registering bids, moving the workflow, moderating. */
  assertLead(action: string): this {
    this.assertCanView();
    if (!this.isLead) throw new ForbiddenError(AccessErrorCode.LeadOnly, `Only the round lead can ${action}`);
    return this;
  }

  assertPanellist(action: string): PanelMember {
    this.assertCanView();
    if (!this.isPanellist) throw new ForbiddenError(AccessErrorCode.PanelOnly, `Only members of this round's panel can ${action}`);
    return this.member!;
  }

  /** The lead and auditors read everything about a round (auditors read-only), within seesIndividualMarks. */
  assertSeesEverything(what: string): this {
    this.assertCanView();
    if (!this.seesEverything) throw new ForbiddenError(AccessErrorCode.LeadOrAuditorOnly, `Only the round lead and auditors can see ${what}`);
    return this;
  }

  get seesEverything(): boolean {
    return this.isLead || this.isAuditor;
  }

  /** Panellists see bids only once the tender deadline has passed. */
  get bidsUnsealedForPanel(): boolean {
    return !BIDS_SEALED.has(this.round.state);
  }

  get seesPrices(): boolean {
    return this.seesEverything || (this.isPanellist && this.member!.seesPrice);
  }

  /** A declared interest recuses the member from that bid, from the moment of declaring, on every route. */
  isRecusedFrom(bidId: string): boolean {
    return this.declaredInterests.has(bidId);
  }

  /** Whether the caller may know the bid exists (its supplier's name): the panel only once unsealed, never an excluded or conflicted bid. */
  seesBid(bid: BidFacts): boolean {
    if (this.seesEverything) return true;
    return this.isPanellist && this.bidsUnsealedForPanel && bid.compliance !== 'excluded' && !this.isRecusedFrom(bid.id);
  }

  /** A panellist sees what a bid says only after declaring their conflicts (names before, to declare against). */
  seesAnswers(bid: BidFacts): boolean {
    if (this.seesEverything) return true;
    return this.seesBid(bid) && this.member!.conflictsDeclaredAt !== null;
  }

  /** The bids a panellist scores: compliant, answers visible, not recused. */
  mayScore(bid: BidFacts): boolean {
    return this.isPanellist && bid.compliance === 'compliant' && this.seesAnswers(bid);
  }

  /**
   * Individual marks (and the results, provisional results being means of them): auditors from the
   * start of scoring, the lead once scoring has closed (so the lead cannot steer a panel mid-scoring).
   */
  get seesIndividualMarks(): boolean {
    if (this.isAuditor) return SCORING_STARTED.has(this.round.state);
    return this.isLead && SCORING_CLOSED.has(this.round.state);
  }

  assertSeesIndividualMarks(what: string): this {
    this.assertSeesEverything(what);
    if (!this.seesIndividualMarks) {
      throw new NotYetVisibleError(AccessErrorCode.NotYetVisible, `The ${what} can be seen once scoring has ${this.isAuditor ? 'started' : 'closed'}`, { state: this.round.state });
    }
    return this;
  }

  /**
   * A statement young people did not consent to share stays on the organisation's own pages: the lead
   * sees it cited in their round; the panel, auditors and every export see consented statements only.
   */
  get seesUnconsentedStatements(): boolean {
    return this.isLead;
  }

  /** An active member of this round's young partner group. */
  get isYoungPartner(): boolean {
    return this.isPanellist && this.member!.group === 'youngPartner';
  }

  /** The round's young partners check the plain-language questions before publication. */
  get checksQuestions(): boolean {
    return this.isYoungPartner;
  }

  /** The young partners (their own words), the lead and auditors (everyone's). */
  get seesQuestionReview(): boolean {
    return this.seesEverything || this.checksQuestions;
  }

  /**
   * The awarded contract's KPIs, their performance and reviews, and "you said, we did": the lead,
   * auditors and the round's young partners. Professionals on the panel know the round (403); nobody
   * else may know of it (404). Bidders have no account, so no route reaches them.
   */
  get seesContract(): boolean {
    return this.seesEverything || this.isYoungPartner;
  }

  assertSeesContract(what: string): this {
    this.assertCanView();
    if (!this.seesContract) throw new ForbiddenError(AccessErrorCode.YoungPartnersLeadOrAuditorOnly, `Only the round lead, auditors and the young partners can see ${what}`);
    return this;
  }

  /** Young partners review each reporting period of the contract's KPIs. */
  assertReviewsContract(): PanelMember {
    this.assertCanView();
    if (!this.isYoungPartner) throw new ForbiddenError(AccessErrorCode.YoungPartnersOnly, "Only the round's young partners review how the contract is doing");
    return this.member!;
  }

  /** Who asked a clarification stays with the lead and auditors: never the panel, another bidder or an export. */
  get seesClarificationAskers(): boolean {
    return this.seesEverything;
  }

  /** A clarification not yet published to bidders is the lead's working note (auditors read it). */
  get seesUnpublishedClarifications(): boolean {
    return this.seesEverything;
  }

  /**
   * Separation of duties: the lead and auditors (who check the round) may not score it. Returns the
   * reason a user may not sit on this round's panel, or null.
   */
  static panelSeatRefusal(round: Round, user: User): string | null {
    if (user.id === round.leadId) return `${user.displayName} leads this round and cannot also sit on its panel`;
    if (user.roles.includes('auditor')) return `${user.displayName} is an auditor and cannot sit on a panel they may audit`;
    return null;
  }

  static assertMaySitOnPanel(round: Round, user: User): void {
    const refusal = RoundViewer.panelSeatRefusal(round, user);
    if (refusal) throw new BusinessRuleError(AccessErrorCode.SeparationOfDuties, `Separation of duties: ${refusal}`, { field: 'userId' });
  }
}

/**
 * Who may do what with the organisation's i-Statement library. Commissioners add, import and accept;
 * a young partner (a panellist sitting in the young partner group of any round) proposes statements,
 * which wait for a commissioner; everyone else has no part in it.
 */
export const StatementAccess = {
  manages(user: User): boolean {
    return user.roles.includes('commissioner');
  },
  /** `sitsAsYoungPartner`: the user has a seat (not withdrawn) in the young partner group of some round. */
  mayPropose(user: User, sitsAsYoungPartner: boolean): boolean {
    return user.roles.includes('panellist') && sitsAsYoungPartner;
  },
  /** Shown beyond the organisation's own pages (to a panel, in an export): accepted and consented. */
  shareable(statement: { consent: boolean; status: string }): boolean {
    return statement.consent && statement.status === 'accepted';
  },
};

/**
 * A young partner's record of involvement (what they did, for a CV or a reference): they see their own;
 * commissioners and auditors see anyone's; nobody else may know it exists (404).
 */
export const InvolvementAccess = {
  sees(user: User, subjectUserId: string): boolean {
    return user.id === subjectUserId || user.roles.includes('commissioner') || user.roles.includes('auditor');
  },
  /** The list of young partners, to find a record: commissioners and auditors. */
  lists(user: User): boolean {
    return user.roles.includes('commissioner') || user.roles.includes('auditor');
  },
};
