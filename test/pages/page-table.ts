import type { RouteKey } from './page-routes.js';

/** What the page tests build once (test/pages.e2e-spec.ts): the rounds, people and links the routes need. */
export interface World {
  /** A round in scoring (bids A Alpha CIC, B Beta Trust; panel YP1, YP2, P1); YP1 declared an interest in B. */
  scoring: { roundId: string; bidA: string; bidB: string; q: Record<string, string> };
  /** A round at the award decision, the preferred bidder recorded (bids Gamma Care, Delta Youth). */
  decided: { roundId: string; bidIds: string[]; q: Record<string, string> };
  /** The same at moderation (scoring closed, nothing agreed), bids Epsilon Works, Zeta Youth. */
  moderation: { roundId: string; bidIds: string[]; q: Record<string, string> };
  /** A published round, taking bids; and one past its deadline, at compliance (one bid, Eta Trust). */
  tendering: { roundId: string };
  compliance: { roundId: string; bidId: string };
  /** A consensus reason the reason check flags on the decided round (too short). */
  weak: { bidId: string; criterionId: string; group: string };
  /** A draft round of the lead's: P1 (memberId) and YP1 on the panel; YP1 suggested better words for Q1. */
  draft: { roundId: string; q: Record<string, string>; memberId: string; suggestion: string };
  /** An awarded contract (Theta Care; panel YP1, P1) with a KPI and one reporting period recorded. */
  awarded: { roundId: string; kpi: string; period: string };
  /** A clarification recorded on the tendering round, not yet answered. */
  clarification: string;
  /** A clean spreadsheet of one bid (Iota Trust) checked on the tendering round, waiting to be confirmed. */
  upload: string;
  /** The professional's seat on the scoring round (P1): they withdraw from it in a row. */
  scoringSeat: string;
  /** An invitation still waiting (for Sam, a panellist): the id the invitations page acts on. */
  pendingInvitation: string;
  /** A message in the outbox that has not failed (the mail of an invitation). */
  message: string;
  /** YP2's user id (their record of involvement). */
  youngPartner: string;
  /** An unused invitation (for Robin, a panellist). */
  invitation: string;
  /** A statement YP2 proposed, waiting for a commissioner. */
  proposed: string;
  /** A statement in the library (accepted, consent given). */
  accepted: string;
}

/**
 * Who asks: a demo user's email, `null` for someone not signed in. A `#name` suffix gives that person a
 * session of its own (signing out must not end the session other rows use).
 */
export type Who = string | null;

export interface PageCase {
  as: Who;
  path: (w: World) => string;
  /** GET: the status and the page <title> (HTML), or the content type of a file or JSON answer. */
  status: number;
  title?: RegExp;
  type?: 'json' | 'pdf';
  /** POST: the fields sent with a valid CSRF token (a form's fields; `file` for an upload form). */
  fields?: (w: World) => Record<string, string>;
  multipart?: { file?: { field: string; name: string; content: string } };
  /** Where it leads (a 303: a POST with the token, or a GET that only redirects), or the problem the form page shows (4xx). */
  location?: RegExp;
  problem?: RegExp;
}

const LEAD = 'commissioner@demo.test';
const AUDITOR = 'auditor@demo.test';

/**
 * Every route outside /api, with who opens or posts it and what they must get. A route the app serves
 * that is not listed here fails the "every page route has a row" test: add its row.
 * Every POST is also sent without the CSRF token and must be refused (403) with nothing written.
 */
export const PAGE_TABLE: Record<RouteKey, PageCase> = {
  'GET /health': { as: null, path: () => '/health', status: 200, type: 'json' },
  'GET /': { as: LEAD, path: () => '/', status: 200, title: /^Your rounds/ },

  // Signing in and out, invitations
  'GET /sign-in': { as: null, path: () => '/sign-in', status: 200, title: /^Sign in/ },
  'POST /sign-in': {
    as: null, path: () => '/sign-in', fields: () => ({ email: LEAD, password: 'not the password at all' }),
    status: 401, problem: /That email and password don't match/,
  },
  'POST /sign-out': { as: `${AUDITOR}#leaving`, path: () => '/sign-out', fields: () => ({}), status: 303, location: /^\/sign-in\?signedOut=1$/ },
  'POST /sign-out-everywhere': { as: 'yp3@demo.test', path: () => '/sign-out-everywhere', fields: () => ({}), status: 303, location: /^\/sign-in\?signedOut=1$/ },
  'GET /invitations/:token': { as: null, path: (w) => `/invitations/${w.invitation}`, status: 200, title: /^Set your password/ },
  'POST /invitations/:token': {
    as: null, path: (w) => `/invitations/${w.invitation}`, fields: () => ({ password: 'my dog likes long walks', confirm: 'my dog likes long walk' }),
    status: 400, problem: /The two passwords are not the same/,
  },

  // A panellist's scoring pages
  'GET /rounds/:id/score': { as: 'yp2@demo.test', path: (w) => `/rounds/${w.scoring.roundId}/score`, status: 200, title: /Violence reduction/ },
  'POST /rounds/:id/score/conflicts': {
    as: 'yp2@demo.test', path: (w) => `/rounds/${w.scoring.roundId}/score/conflicts`, fields: () => ({ choice: 'bid', interest: 'I know them' }),
    status: 400, problem: /Choose the organisation you know/,
  },
  'GET /rounds/:id/score/bids/:bidId': { as: 'yp2@demo.test', path: (w) => `/rounds/${w.scoring.roundId}/score/bids/${w.scoring.bidA}`, status: 200, title: /^Alpha CIC: / },
  'POST /rounds/:id/score/bids/:bidId/questions/:criterionId': {
    as: 'yp2@demo.test', path: (w) => `/rounds/${w.scoring.roundId}/score/bids/${w.scoring.bidA}/questions/${w.scoring.q.Q1}`,
    fields: () => ({ mark: '3', justification: 'A clear plan for young people' }),
    status: 303, location: /\/score\/bids\/[^/?]+\?saved=/,
  },
  'GET /rounds/:id/score/check': { as: 'yp2@demo.test', path: (w) => `/rounds/${w.scoring.roundId}/score/check`, status: 200, title: /^Check and send: / },
  'POST /rounds/:id/score/submit': {
    as: 'yp2@demo.test', path: (w) => `/rounds/${w.scoring.roundId}/score/submit`, fields: () => ({}),
    status: 422, problem: /./,
  },

  // The lead's round pages
  'GET /rounds/new': { as: LEAD, path: () => '/rounds/new', status: 200, title: /^Start a new round/ },
  'POST /rounds': {
    as: LEAD, path: () => '/rounds', fields: () => ({}), multipart: { file: { field: 'definitionFile', name: 'round.json', content: '{ "title": ' } },
    status: 422, problem: /The definition is not valid JSON/,
  },
  'GET /rounds/:id': { as: LEAD, path: (w) => `/rounds/${w.draft.roundId}`, status: 200, title: /^Violence reduction/ },
  'POST /rounds/:id/events': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/events`, fields: () => ({ type: 'NOT_AN_EVENT' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/reminders': { as: LEAD, path: (w) => `/rounds/${w.scoring.roundId}/reminders`, fields: () => ({}), status: 303, location: /\?notice=reminded#progress$/ },
  'POST /rounds/:id/panel': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/panel`, fields: () => ({ email: 'yp3@demo.test', group: 'youngPartner' }),
    status: 303, location: /\?notice=member#panel$/,
  },
  'POST /rounds/:id/conflicts-assessment': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/conflicts-assessment`, fields: () => ({ summary: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/bids': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/bids`, fields: () => ({ supplierName: '', price: '100' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/bids/practice': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/bids/practice`, fields: () => ({ supplierName: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/bids/:bidId/compliance': {
    as: LEAD, path: (w) => `/rounds/${w.compliance.roundId}/bids/${w.compliance.bidId}/compliance`, fields: () => ({ decision: 'maybe' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/questions/:key/statements': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/questions/Q2/statements`, fields: (w) => ({ statementIds: w.accepted }),
    status: 303, location: /\?notice=cited#statements$/,
  },

  // Moderation, results, summaries, evidence
  'GET /rounds/:id/moderation': { as: LEAD, path: (w) => `/rounds/${w.moderation.roundId}/moderation`, status: 200, title: /^Moderation: / },
  'GET /rounds/:id/moderation/consistency': { as: LEAD, path: (w) => `/rounds/${w.moderation.roundId}/moderation/consistency`, status: 200, title: /^How consistent was the panel: / },
  'GET /rounds/:id/moderation/:bidId/:criterionId/:group': {
    as: LEAD, path: (w) => `/rounds/${w.moderation.roundId}/moderation/${w.moderation.bidIds[0]}/${w.moderation.q.Q1}/professional`, status: 200, title: /^Moderation: Epsilon Works, Q1 \(professionals\): /,
  },
  'POST /rounds/:id/moderation/:bidId/:criterionId': {
    as: LEAD, path: (w) => `/rounds/${w.moderation.roundId}/moderation/${w.moderation.bidIds[0]}/${w.moderation.q.Q1}`, fields: () => ({ group: 'professional', mark: '' }),
    status: 400, problem: /Please check the form/,
  },
  'GET /rounds/:id/results': { as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/results`, status: 200, title: /^Results: / },
  'POST /rounds/:id/results/award-decision': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/results/award-decision`, fields: () => ({ bidId: '' }),
    status: 400, problem: /Please check the form/,
  },
  // A round without lots has no lot to decide: the lot's form answers 404 (test/lots.e2e-spec.ts decides lots from the page).
  'POST /rounds/:id/results/lots/:lotKey/award-decision': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/results/lots/L1/award-decision`, fields: () => ({ choice: '' }),
    status: 404,
  },
  'GET /rounds/:id/summaries': { as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/summaries`, status: 200, title: /^Assessment summaries: / },
  'GET /rounds/:id/summaries/check': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/summaries/check?bidId=${w.decided.bidIds[0]}&criterionId=${w.decided.q.Q1}&reason=Good`, status: 200, type: 'json',
  },
  'GET /rounds/:id/summaries/:bidId': { as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/summaries/${w.decided.bidIds[0]}`, status: 200, title: /^Assessment summary: Gamma Care/ },
  'GET /rounds/:id/summaries/:bidId/pdf': { as: AUDITOR, path: (w) => `/rounds/${w.decided.roundId}/summaries/${w.decided.bidIds[1]}/pdf`, status: 200, type: 'pdf' },
  'POST /rounds/:id/summaries/:bidId/sent': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/summaries/${w.decided.bidIds[0]}/sent`, fields: () => ({ sentOn: 'last Tuesday' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/summaries/notes': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/summaries/notes`, fields: (w) => ({ ...w.weak, note: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/summaries/reword/:bidId/:criterionId': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/summaries/reword/${w.weak.bidId}/${w.weak.criterionId}`, fields: (w) => ({ group: w.weak.group, mark: 'three' }),
    status: 400, problem: /Please check the form/,
  },
  'GET /rounds/:id/evidence': { as: AUDITOR, path: (w) => `/rounds/${w.decided.roundId}/evidence`, status: 200, title: /Violence reduction/ },

  // i-Statements
  'GET /statements': { as: LEAD, path: () => '/statements', status: 200, title: /^i-Statements: what young people said/ },
  'POST /statements': {
    as: 'yp1@demo.test', path: () => '/statements', fields: () => ({ text: 'I want someone who listens to me', consent: 'yes' }),
    status: 303, location: /^\/statements\?notice=sent$/,
  },
  'POST /statements/:statementId/accept': { as: LEAD, path: (w) => `/statements/${w.proposed}/accept`, fields: () => ({}), status: 303, location: /^\/statements\?notice=accepted$/ },
  'POST /statements/:statementId/consent': {
    as: LEAD, path: (w) => `/statements/${w.accepted}/consent`, fields: () => ({ consent: 'no', reason: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /statements/import': { as: LEAD, path: () => '/statements/import', fields: () => ({}), status: 400, problem: /Please check the form/ },
  'POST /statements/import-csv': {
    as: LEAD, path: () => '/statements/import-csv', fields: () => ({}), multipart: {},
    status: 400, problem: /Please check the form/,
  },

  'GET /admin/outbox': { as: 'admin@demo.test', path: () => '/admin/outbox', status: 200, title: /^Mail outbox/ },
  // Only a failed message can be sent again: the invitation's mail is not one.
  'POST /admin/outbox/:messageId/resend': {
    as: 'admin@demo.test', path: (w) => `/admin/outbox/${w.message}/resend`, fields: () => ({}),
    status: 409, problem: /Only a message that failed can be sent again/,
  },

  // Inviting people: the invitations waiting (Sam's is sent again, then taken back)
  'GET /invitations': { as: 'admin@demo.test', path: () => '/invitations', status: 200, title: /^Invite people/ },
  'POST /invitations': {
    as: LEAD, path: () => '/invitations', fields: () => ({ email: 'not an address', displayName: 'Kim' }),
    status: 400, problem: /Email address: must be an email address/,
  },
  'POST /invitations/:invitationId/resend': {
    as: 'admin@demo.test', path: (w) => `/invitations/${w.pendingInvitation}/resend`, fields: () => ({}),
    status: 303, location: /^\/invitations\?notice=resent$/,
  },
  'POST /invitations/:invitationId/revoke': {
    as: 'admin@demo.test', path: (w) => `/invitations/${w.pendingInvitation}/revoke`, fields: () => ({}),
    status: 303, location: /^\/invitations\?notice=revoked$/,
  },

  // Changing a draft, and its panel
  'GET /rounds/:id/edit': { as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/edit`, status: 200, title: /^Change the draft: Violence reduction/ },
  'POST /rounds/:id/timetable': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/timetable`, fields: () => ({ tenderDeadline: '' }),
    status: 422, problem: /Choose the date and time bids close/,
  },
  'POST /rounds/:id/weights': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/weights`, fields: () => ({ 'weights[Q1]': 'lots' }),
    status: 422, problem: /The weight of Q1 must be a number from 0 to 100/,
  },
  'POST /rounds/:id/criteria': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/criteria`, fields: () => ({ criteria: '[]' }),
    status: 400, problem: /Questions and weights: must have at least 1 item/,
  },
  'POST /rounds/:id/panel/:memberId/remove': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/panel/${w.draft.memberId}/remove`, fields: () => ({}),
    status: 303, location: /\?notice=removed#panel$/,
  },
  'POST /rounds/:id/panel/:memberId/withdraw': {
    as: LEAD, path: (w) => `/rounds/${w.scoring.roundId}/panel/${w.scoringSeat}/withdraw`, fields: () => ({ reason: 'Has left the service and cannot finish scoring' }),
    status: 303, location: /\?notice=withdrawn#panel$/,
  },

  // Young partners check the questions before they go out
  'GET /rounds/:id/check-questions': { as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/check-questions`, status: 200, title: /^Young partners check the questions: Violence reduction/ },
  'POST /rounds/:id/check-questions/q/:key': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/check-questions/q/Q1`, fields: () => ({ verdict: 'maybe' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/check-questions/setting': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/check-questions/setting`, fields: () => ({ required: 'no' }),
    status: 303, location: /\/check-questions\?notice=setting$/,
  },
  'POST /rounds/:id/check-questions/feedback/:feedbackId/accept': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/check-questions/feedback/${w.draft.suggestion}/accept`, fields: () => ({ wording: 'Hi' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/check-questions/feedback/:feedbackId/answer': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/check-questions/feedback/${w.draft.suggestion}/answer`, fields: () => ({ answer: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/check-questions/not-checked': {
    as: LEAD, path: (w) => `/rounds/${w.draft.roundId}/check-questions/not-checked`, fields: () => ({ memberId: '', reason: '' }),
    status: 400, problem: /Please check the form/,
  },

  // While bids come in: the clarification log, importing bids from a spreadsheet
  'GET /rounds/:id/clarifications': { as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/clarifications`, status: 200, title: /^Clarifications: Violence reduction/ },
  'POST /rounds/:id/clarifications': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/clarifications`, fields: () => ({ question: '', receivedAt: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/clarifications/:clarificationId': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/clarifications/${w.clarification}`, fields: () => ({ question: '', receivedAt: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/clarifications/:clarificationId/publish': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/clarifications/${w.clarification}/publish`, fields: () => ({ publishedAt: 'next week' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/clarifications/:clarificationId/supersede': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/clarifications/${w.clarification}/supersede`, fields: () => ({ answer: '', reason: '' }),
    status: 400, problem: /Please check the form/,
  },
  'GET /rounds/:id/bid-import': { as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/bid-import`, status: 200, title: /^Import bids: Violence reduction/ },
  'POST /rounds/:id/bid-import': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/bid-import`, fields: () => ({}), multipart: {},
    status: 400, problem: /Choose the filled-in template/,
  },
  'POST /rounds/:id/bid-import/:uploadId/confirm': {
    as: LEAD, path: (w) => `/rounds/${w.tendering.roundId}/bid-import/${w.upload}/confirm`, fields: () => ({}),
    status: 303, location: /\/bid-import\?imported=1$/,
  },

  // One bid, for the lead and auditors
  'GET /rounds/:id/bids/:bidId': { as: AUDITOR, path: (w) => `/rounds/${w.decided.roundId}/bids/${w.decided.bidIds[0]}`, status: 200, title: /^Gamma Care: Violence reduction/ },

  // After the award decision: the contract's KPIs and "You said, we did"
  'GET /rounds/:id/contract': { as: 'yp1@demo.test', path: (w) => `/rounds/${w.awarded.roundId}/contract`, status: 200, title: /^How the service is doing: Violence reduction/ },
  'POST /rounds/:id/contract/kpis': {
    as: LEAD, path: (w) => `/rounds/${w.decided.roundId}/contract/kpis`, fields: () => ({ name: '', target: 'high' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/contract/kpis/:kpiId/periods': {
    as: LEAD, path: (w) => `/rounds/${w.awarded.roundId}/contract/kpis/${w.awarded.kpi}/periods`, fields: () => ({ periodStart: 'spring', value: '' }),
    status: 400, problem: /Please check the form/,
  },
  'POST /rounds/:id/contract/periods/:periodId/review': {
    as: 'yp1@demo.test', path: (w) => `/rounds/${w.awarded.roundId}/contract/periods/${w.awarded.period}/review`, fields: () => ({ rating: 'great', comment: '' }),
    status: 400, problem: /Please check the form/,
  },
  'GET /rounds/:id/you-said-we-did': { as: 'yp1@demo.test', path: (w) => `/rounds/${w.awarded.roundId}/you-said-we-did`, status: 200, title: /^You said, we did: Violence reduction/ },
  'GET /rounds/:id/you-said-we-did/pdf': { as: LEAD, path: (w) => `/rounds/${w.awarded.roundId}/you-said-we-did/pdf`, status: 200, type: 'pdf' },

  // Young partners' records of involvement
  'GET /my-record': { as: 'yp2@demo.test', path: () => '/my-record', status: 303, location: /^\/young-partners\/[0-9a-f-]{36}\/record$/ },
  'GET /young-partners': { as: LEAD, path: () => '/young-partners', status: 200, title: /^Young partners. records of involvement/ },
  'GET /young-partners/:userId/record': { as: 'yp2@demo.test', path: (w) => `/young-partners/${w.youngPartner}/record`, status: 200, title: /^What you have done/ },
  'GET /young-partners/:userId/record.pdf': { as: AUDITOR, path: (w) => `/young-partners/${w.youngPartner}/record.pdf`, status: 200, type: 'pdf' },
};
