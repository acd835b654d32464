import { ForbiddenError, NotFoundError } from '../common/errors.js';
import type { PanelMember } from '../panel/panel-member.entity.js';
import type { Round } from '../rounds/round.entity.js';
import type { User } from '../users/user.entity.js';
import { BIDS_SEALED } from '../rounds/round-stages.js';


/**
 * Who the caller is in relation to one round, and the access rules of design.md as methods,
 * so every service method starts with one readable line: `viewer.assertLead('register bids')`.
 * A caller who may not know the round exists gets 404, never 403.
 */
export class RoundViewer {
  constructor(readonly user: User, readonly round: Round, readonly member: PanelMember | null) {}

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
    if (!this.canView) throw new NotFoundError('Round not found');
    return this;
  }

  /** Defining the round, registering bids, moving the workflow, moderating. */
  assertLead(action: string): this {
    this.assertCanView();
    if (!this.isLead) throw new ForbiddenError(`Only the round lead can ${action}`);
    return this;
  }

  assertPanellist(action: string): PanelMember {
    this.assertCanView();
    if (!this.isPanellist) throw new ForbiddenError(`Only members of this round's panel can ${action}`);
    return this.member!;
  }

  /** The lead and auditors read everything about a round (auditors read-only). */
  assertSeesEverything(what: string): this {
    this.assertCanView();
    if (!this.seesEverything) throw new ForbiddenError(`Only the round lead and auditors can see ${what}`);
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
}
