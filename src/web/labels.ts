import { STATE_LABELS } from '../../workflows/blocks.js';
import { formatLondon } from '../../workflows/london-time.js';
import type { PanelGroup } from '../domain/panel-group.js';

/** Words for the pages. The services speak for the API; these say the same things for people. */

export const EVENT_LABELS: Record<string, string> = {
  PUBLISH: 'Publish the round',
  SHORTLIST_CONFIRMED: 'Confirm the shortlist and invite tenders',
  TENDER_DEADLINE_PASSED: 'Close tendering and open the bids',
  COMPLETE_COMPLIANCE: 'Finish compliance checks and open scoring',
  CLOSE_SCORING: 'Close scoring and start moderation',
  CLOSE_MODERATION: 'Close moderation and go to the award decision',
  ISSUE_AWARD_NOTICE: 'Issue the award notice',
  CHALLENGE_RECEIVED: 'Record a challenge (suspends the award)',
  RESUME_STANDSTILL: 'Resume the standstill',
  REVISIT_DECISION: 'Revisit the award decision',
  REPRESENTATIONS_RECEIVED: 'Record representations from a provider',
  REVIEW_COMPLETED: 'Review of representations completed',
  STANDSTILL_ELAPSED: 'Award the contract (standstill over)',
  CANCEL: 'Cancel the round',
};

/** Events that always need a reason, with what to ask for. */
export const REASON_PROMPTS: Record<string, string> = {
  CANCEL: 'Why is the round being cancelled?',
  CHALLENGE_RECEIVED: 'Who challenged the decision, and on what grounds?',
  REVISIT_DECISION: 'Why is the award decision being revisited?',
  SHORTLIST_CONFIRMED: 'Which suppliers are on the shortlist?',
  CLOSE_SCORING: 'Why close scoring before everyone has sent their scores?',
};

/** Steps that are asked about once more before they happen (weighty, and audited for good). */
export const CONFIRM_EVENTS: Record<string, { heading: string; consequence: string; yes: string; danger?: boolean; onlyWithReason?: boolean }> = {
  CANCEL: { heading: 'Cancel this round?', consequence: 'The round ends for good: nobody can score, moderate or award it any more.', yes: 'Yes, cancel the round', danger: true },
  CLOSE_SCORING: { heading: 'Close scoring without everyone?', consequence: 'Panellists who have not sent their scores can no longer send them; their drafts do not count.', yes: 'Yes, close scoring', onlyWithReason: true },
  ISSUE_AWARD_NOTICE: { heading: 'Issue the award notice?', consequence: 'The award notice is issued and the standstill starts now. The preferred bidder and the assessment summaries can no longer be changed without revisiting the decision.', yes: 'Yes, issue the award notice' },
  CHALLENGE_RECEIVED: { heading: 'Record a challenge?', consequence: 'The award is suspended until the challenge is resolved.', yes: 'Yes, record the challenge' },
  REVISIT_DECISION: { heading: 'Revisit the award decision?', consequence: 'The award notice is withdrawn and the round goes back to the award decision.', yes: 'Yes, revisit the decision', danger: true },
};

export const ROUTE_LABELS: Record<string, string> = {
  'pa23-open': 'Open procedure (Procurement Act 2023)',
  'pa23-competitive-flexible': 'Competitive flexible procedure (Procurement Act 2023)',
  'psr-competitive': 'Competitive process (NHS Provider Selection Regime)',
  'light-touch': 'Light-touch contract',
};

export const GROUP_NAMES: Record<PanelGroup, { one: string; many: string }> = {
  professional: { one: 'Professional', many: 'Professionals' },
  youngPartner: { one: 'Young partner', many: 'Young partners' },
};

const ROLE_NAMES: Record<string, string> = {
  administrator: 'Administrator (accounts and mail)',
  commissioner: 'Commissioner (leads rounds)',
  panellist: 'Panel member (scores bids)',
  auditor: 'Auditor (reads and checks rounds)',
};

export const helpers = {
  role: (role: string) => ROLE_NAMES[role] ?? role,
  state: (state: string) => STATE_LABELS[state as keyof typeof STATE_LABELS] ?? state,
  event: (event: string) => EVENT_LABELS[event] ?? event,
  route: (route: string) => ROUTE_LABELS[route] ?? route,
  group: (group: string, many = false) => {
    const names = GROUP_NAMES[group as PanelGroup];
    return names ? (many ? names.many : names.one) : group;
  },
  date: (iso: string | null | undefined) => (iso ? formatLondon(iso) : '—'),
  /** "£1,500,000.00" from a decimal string, without a float round trip for the pence. */
  money: (amount: string | null | undefined) => {
    if (!amount) return '—';
    const [pounds, pence = ''] = amount.split('.');
    return `£${pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pence.padEnd(2, '0').slice(0, 2)}`;
  },
  /** A bid by its supplier, with its lot in a round with lots (a supplier may bid for several). */
  bid: (b: { supplierName: string; lotKey?: string }) => (b.lotKey ? `${b.supplierName} (lot ${b.lotKey})` : b.supplierName),
  plural: (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`,
  percent: (part: number, whole: number) => (whole > 0 ? Math.floor((part * 100) / whole) : 0),
  /** A colour band for a spread of marks, named for the CSS. */
  spreadBand: (spread: number | null) => (spread === null ? 'none' : spread >= 3 ? 'wide' : spread === 2 ? 'apart' : spread === 1 ? 'close' : 'same'),
  spreadWords: (spread: number | null) =>
    spread === null ? 'No marks yet' : spread === 0 ? 'All the same' : spread === 1 ? '1 apart' : `${spread} apart`,
};
