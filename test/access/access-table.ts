/**
 * The access table of ../shared/docs/design.md, route by route, as data: for each API route, what each
 * kind of caller gets at each stage of a round. test/access/matrix.ts generates one request per
 * route x caller x stage from it, so this table and the code cannot drift apart. Read it beside
 * src/access/round-viewer.ts, where each rule lives once.
 *
 * Callers: the round's lead; another commissioner; two panel members (a young partner and a
 * professional); a conflicted panellist (declared an interest in bid A once bids were opened); a
 * panellist on another round; an auditor; an administrator (accounts only, no part in rounds);
 * anonymous (always 401).
 * Stages: the round is in tendering, compliance, scoring, moderation or awardDecision. A status is one
 * number for every stage, or five ('T C S M A').
 * Beyond the table's yes/no: 404 means "may not know it exists", 403 "known, but not allowed (now)",
 * 409 "allowed, not at this stage", 400/422 "allowed, the request is wrong", 2xx done.
 */
export const CALLERS = ['lead', 'otherCommissioner', 'youngPartner', 'professional', 'conflicted', 'otherPanellist', 'auditor', 'administrator', 'anonymous'] as const;
export type Caller = (typeof CALLERS)[number];
export const STAGES = ['tendering', 'compliance', 'scoring', 'moderation', 'awardDecision'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * `members` stands for the young partner, the professional and the conflicted panellist; `outsiders` for
 * the other commissioner, the other panellist and the administrator (who runs accounts, not rounds).
 */
type Who = Caller | 'members' | 'outsiders';
export type Statuses = number | `${number} ${number} ${number} ${number} ${number}`;

export interface AccessRule {
  route: string;
  send?: Record<string, unknown> | 'definitionCriteria';
  expect: Partial<Record<Who, Statuses>>;
}

const SEES_ROUND = { lead: 200, members: 200, auditor: 200, outsiders: 404 } as const;
/** Accounts: the administrator alone (commissioners may invite panellists only). */
const ADMINISTRATOR_ONLY = (administrator: Statuses): AccessRule['expect'] => ({ administrator, lead: 403, members: 403, auditor: 403, otherCommissioner: 403, otherPanellist: 403 });
const LEAD_ONLY = (lead: Statuses): AccessRule['expect'] => ({ lead, members: 403, auditor: 403, outsiders: 404 });
const LEAD_AND_AUDITORS = (lead: Statuses, auditor: Statuses = lead): AccessRule['expect'] => ({ lead, auditor, members: 403, outsiders: 404 });
/** The contract and "you said, we did": the lead, auditors and the round's young partners; not professionals. */
const YOUNG_PARTNERS_LEAD_AND_AUDITORS: AccessRule['expect'] = { lead: 200, auditor: 200, youngPartner: 200, conflicted: 200, professional: 403, outsiders: 404 };
const PANEL_ONLY = (members: Statuses): AccessRule['expect'] => ({ lead: 403, auditor: 403, members, outsiders: 404 });

export const ACCESS_TABLE: AccessRule[] = [
  { route: 'GET /api/rounds', expect: { lead: 200, members: 200, auditor: 200, outsiders: 200 } },
  { route: 'GET /api/rounds/:id', expect: SEES_ROUND },
  { route: 'GET /api/rounds/:id/history', expect: SEES_ROUND },
  { route: 'GET /api/rounds/:id/workflow', expect: SEES_ROUND },
  { route: 'POST /api/rounds/:id/events', send: { type: 'PUBLISH' }, expect: LEAD_ONLY(409) },
  { route: 'PUT /api/rounds/:id/criteria', send: 'definitionCriteria', expect: LEAD_ONLY(409) },
  { route: 'PUT /api/rounds/:id/timetable', send: { tenderDeadline: '2099-01-01T12:00:00.000Z' }, expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/panel', send: { userId: ':yp3', group: 'youngPartner' }, expect: LEAD_ONLY(409) },
  { route: 'DELETE /api/rounds/:id/panel/:memberP1', expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/conflicts-assessment', send: { summary: 'A summary that is long enough to pass.' }, expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/conflicts', send: {}, expect: PANEL_ONLY(409) },
  { route: 'GET /api/rounds/:id/conflicts', expect: SEES_ROUND },
  { route: 'POST /api/rounds/:id/bids', send: { supplierName: 'Gamma Ltd', price: '90', responses: { Q1: 'Our approach' } }, expect: LEAD_ONLY('201 409 409 409 409') },
  { route: 'POST /api/rounds/:id/bids/practice', send: { supplierName: 'Practice: Matrix House', responses: { Q1: 'A made-up answer' } }, expect: LEAD_ONLY('201 201 409 409 409') },
  // Bids are sealed from the panel in tendering; a declared interest hides that bid from then on.
  { route: 'GET /api/rounds/:id/bids', expect: { ...SEES_ROUND, members: '404 200 200 200 200' } },
  { route: 'GET /api/rounds/:id/bids/:bidA', expect: { ...SEES_ROUND, members: '404 200 200 200 200', conflicted: 404 } },
  { route: 'GET /api/rounds/:id/bids/:bidB', expect: { ...SEES_ROUND, members: '404 200 200 200 200' } },
  { route: 'PUT /api/rounds/:id/bids/:bidA/compliance', send: { decision: 'compliant' }, expect: LEAD_ONLY('409 200 409 409 409') },
  { route: 'GET /api/rounds/:id/my-scoring', expect: PANEL_ONLY(200) },
  { route: 'POST /api/rounds/:id/reminders', expect: LEAD_ONLY('409 409 200 409 409') },
  { route: 'PUT /api/rounds/:id/bids/:bidB/scores/:q1', send: { mark: 2, justification: 'A justification long enough' }, expect: PANEL_ONLY('409 409 200 409 409') },
  { route: 'PUT /api/rounds/:id/bids/:bidA/scores/:q1', send: { mark: 2, justification: 'A justification long enough' }, expect: { ...PANEL_ONLY('409 409 200 409 409'), conflicted: '409 409 404 409 409' } },
  { route: 'POST /api/rounds/:id/my-scoring/submit', expect: PANEL_ONLY('409 409 422 409 409') },
  { route: 'GET /api/rounds/:id/scoring-progress', expect: LEAD_AND_AUDITORS(200) },
  { route: 'POST /api/rounds/:id/panel/:unknownMember/withdraw', send: { reason: 'Stepping down for personal reasons' }, expect: LEAD_ONLY(404) },
  // Individual marks: the lead once scoring has closed, auditors once it has started.
  { route: 'GET /api/rounds/:id/moderation', expect: LEAD_AND_AUDITORS('403 403 403 200 200', '403 403 200 200 200') },
  { route: 'PUT /api/rounds/:id/bids/:bidB/consensus/:q1', send: { group: 'professional', mark: 2, reason: 'Agreed after discussion of the evidence' }, expect: LEAD_ONLY('409 409 409 200 409') },
  { route: 'GET /api/rounds/:id/results', expect: LEAD_AND_AUDITORS('409 409 403 200 200', '409 409 200 200 200') },
  { route: 'GET /api/rounds/:id/sensitivity', expect: LEAD_AND_AUDITORS('409 409 403 200 200', '409 409 200 200 200') },
  { route: 'GET /api/rounds/:id/consistency', expect: LEAD_AND_AUDITORS('409 409 403 200 200', '409 409 200 200 200') },
  { route: 'GET /api/rounds/:id/workbook.xlsx', expect: LEAD_AND_AUDITORS('409 409 403 200 200', '409 409 200 200 200') },
  { route: 'POST /api/rounds/:id/award-decision', send: { bidId: ':unknownBid' }, expect: LEAD_ONLY('409 409 409 409 404') },
  // Assessment summaries follow the award decision (none is recorded in these rounds).
  { route: 'GET /api/rounds/:id/assessment-summaries', expect: LEAD_AND_AUDITORS(409) },
  { route: 'GET /api/rounds/:id/bids/:bidA/assessment-summary', expect: LEAD_AND_AUDITORS(409) },
  { route: 'GET /api/rounds/:id/bids/:bidA/assessment-summary.pdf', expect: LEAD_AND_AUDITORS(409) },
  { route: 'POST /api/rounds/:id/bids/:bidA/assessment-summary/sent', send: {}, expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/reason-notes', send: { bidId: ':bidA', criterionId: ':q1', group: 'professional', note: 'The reason refers to the answer as a whole' }, expect: LEAD_ONLY(409) },
  // i-Statements: questions cite them while the round is a draft; the coverage is the lead's and auditors'.
  { route: 'PUT /api/rounds/:id/questions/Q1/statements', send: { statementIds: [] }, expect: LEAD_ONLY(409) },
  { route: 'GET /api/rounds/:id/statement-coverage', expect: LEAD_AND_AUDITORS(200) },
  // Young partners check the questions while the round is a draft (these rounds are past it); professionals have no part in it.
  { route: 'GET /api/rounds/:id/question-review', expect: { ...SEES_ROUND, professional: 403 } },
  { route: 'PUT /api/rounds/:id/questions/Q1/check', send: { verdict: 'clear' }, expect: { lead: 403, auditor: 403, members: 409, professional: 403, outsiders: 404 } },
  { route: 'POST /api/rounds/:id/question-review/:unknownMember/accept', send: {}, expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/question-review/:unknownMember/answer', send: { answer: 'Thank you for this' }, expect: LEAD_ONLY(409) },
  { route: 'PUT /api/rounds/:id/question-review/setting', send: { required: true }, expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/question-review/not-checked', send: { memberId: ':memberP1', reason: 'Away during the review period' }, expect: LEAD_ONLY(409) },
  // A young partner's record of involvement (here the young partner's own): themselves, commissioners, auditors; 404 to anyone else.
  { route: 'GET /api/young-partners', expect: { lead: 200, otherCommissioner: 200, auditor: 200, members: 403, otherPanellist: 403, administrator: 403 } },
  { route: 'GET /api/young-partners/:ypUser/involvement', expect: { youngPartner: 200, lead: 200, otherCommissioner: 200, auditor: 200, professional: 404, conflicted: 404, otherPanellist: 404, administrator: 404 } },
  { route: 'GET /api/young-partners/:ypUser/involvement.pdf', expect: { youngPartner: 200, lead: 200, otherCommissioner: 200, auditor: 200, professional: 404, conflicted: 404, otherPanellist: 404, administrator: 404 } },
  // The contract's KPIs and "you said, we did": the lead, auditors and the round's young partners (the
  // conflicted caller is one); professionals on the panel 403. KPIs follow the award decision (none is
  // recorded in these rounds); performance and reviews follow the award. (:unknownBid: no such KPI or period.)
  { route: 'GET /api/rounds/:id/contract', expect: YOUNG_PARTNERS_LEAD_AND_AUDITORS },
  { route: 'GET /api/rounds/:id/you-said-we-did', expect: YOUNG_PARTNERS_LEAD_AND_AUDITORS },
  { route: 'GET /api/rounds/:id/you-said-we-did.pdf', expect: YOUNG_PARTNERS_LEAD_AND_AUDITORS },
  { route: 'POST /api/rounds/:id/kpis', send: { name: 'Young people feel listened to', measure: 'Exit survey: did staff listen to you?', unit: '%', target: '80', direction: 'atLeast', frequency: 'quarterly', statementIds: [] }, expect: LEAD_ONLY(409) },
  { route: 'PUT /api/rounds/:id/kpis/:unknownBid', send: { name: 'Young people feel listened to', measure: 'Exit survey: did staff listen to you?', unit: '%', target: '80', direction: 'atLeast', frequency: 'quarterly', statementIds: [] }, expect: LEAD_ONLY(409) },
  { route: 'POST /api/rounds/:id/kpis/:unknownBid/periods', send: { periodStart: '2027-01-01', value: '70', commentary: 'First quarter', evidenceReference: 'Q1 report' }, expect: LEAD_ONLY(409) },
  { route: 'PUT /api/rounds/:id/kpi-periods/:unknownBid/review', send: { rating: 'yes', comment: 'It is what we asked for' }, expect: { lead: 403, auditor: 403, youngPartner: 409, conflicted: 409, professional: 403, outsiders: 404 } },
  // Bids from a spreadsheet: the lead, while tendering (checking a file saves no bid).
  { route: 'GET /api/rounds/:id/bid-import/template.xlsx', expect: LEAD_ONLY(200) },
  { route: 'GET /api/rounds/:id/bid-import/template.csv', expect: LEAD_ONLY(200) },
  { route: 'POST /api/rounds/:id/bid-import/check', send: { fileName: 'bids.csv', content: 'U3VwcGxpZXIgbmFtZQo=' }, expect: LEAD_ONLY('200 409 409 409 409') },
  { route: 'POST /api/rounds/:id/bid-import/:unknownUpload/confirm', expect: LEAD_ONLY(404) },
  // Clarifications: the lead keeps the log while tendering; the panel reads the published answers (never who asked).
  { route: 'GET /api/rounds/:id/clarifications', expect: SEES_ROUND },
  { route: 'POST /api/rounds/:id/clarifications', send: { question: 'Can the service run from two sites?', receivedAt: '2020-01-01T00:00:00Z' }, expect: LEAD_ONLY('201 409 409 409 409') },
  { route: 'PUT /api/rounds/:id/clarifications/:unknownClarification', send: { question: 'Can the service run from two sites?', receivedAt: '2020-01-01T00:00:00Z' }, expect: LEAD_ONLY(404) },
  { route: 'POST /api/rounds/:id/clarifications/:unknownClarification/publish', send: {}, expect: LEAD_ONLY(404) },
  { route: 'POST /api/rounds/:id/clarifications/:unknownClarification/supersede', send: { answer: 'A corrected answer', reason: 'The first answer was wrong' }, expect: LEAD_ONLY(404) },
  { route: 'GET /api/rounds/:id/audit', expect: LEAD_AND_AUDITORS(200) },
  { route: 'GET /api/rounds/:id/audit/verify', expect: LEAD_AND_AUDITORS(200) },
  { route: 'GET /api/audit', expect: { auditor: 200, lead: 403, members: 403, outsiders: 403 } },
  { route: 'GET /api/audit/verify', expect: { auditor: 200, lead: 403, members: 403, outsiders: 403 } },
  // Privileged roles are granted by an administrator only, whoever asks.
  { route: 'POST /api/users', send: { email: ':auditorInvite', displayName: 'Matrix auditor', roles: ['auditor'] }, expect: ADMINISTRATOR_ONLY(201) },
  { route: 'GET /api/users', expect: ADMINISTRATOR_ONLY(200) },
  { route: 'PUT /api/users/:unknownUser/roles', send: { roles: ['auditor'] }, expect: ADMINISTRATOR_ONLY(404) },
  { route: 'POST /api/users/:unknownUser/disable', expect: ADMINISTRATOR_ONLY(404) },
  // Pending invitations: an administrator's every one, a commissioner's panellists' (an unknown one is 404 to both).
  { route: 'GET /api/invitations', expect: { administrator: 200, lead: 200, otherCommissioner: 200, members: 403, auditor: 403, otherPanellist: 403 } },
  { route: 'POST /api/invitations/:unknownUser/resend', expect: { administrator: 404, lead: 404, otherCommissioner: 404, members: 403, auditor: 403, otherPanellist: 403 } },
  { route: 'POST /api/invitations/:unknownUser/revoke', expect: { administrator: 404, lead: 404, otherCommissioner: 404, members: 403, auditor: 403, otherPanellist: 403 } },
  // The outbox holds invitation links.
  { route: 'GET /api/outbox', expect: ADMINISTRATOR_ONLY(200) },
  { route: 'POST /api/outbox/:unknownUser/resend', expect: ADMINISTRATOR_ONLY(404) },
];

/** The status one caller must get at one stage. */
export function expected(rule: AccessRule, caller: Caller, stage: Stage): number {
  if (caller === 'anonymous') return 401;
  const group = caller === 'youngPartner' || caller === 'professional' || caller === 'conflicted' ? 'members'
    : caller === 'otherCommissioner' || caller === 'otherPanellist' || caller === 'administrator' ? 'outsiders' : null;
  const statuses = rule.expect[caller] ?? (group ? rule.expect[group] : undefined);
  if (statuses === undefined) throw new Error(`The access table has no status for ${caller} on ${rule.route}`);
  return typeof statuses === 'number' ? statuses : Number(statuses.split(' ')[STAGES.indexOf(stage)]);
}
