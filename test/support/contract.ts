import { bearer, decidedRound, PANEL, sendSummaries, TWO_LOT_BIDS } from './rounds.js';
import type { TestApp } from './test-app.js';

/**
 * The hand-computed round of src/feedback/without-young-partners.spec.ts, through the API: two young
 * partners and a professional; Alpha CIC 100, Beta Trust 125. Marks [Q1 professional, Q1 young partner,
 * Q2 young partner, SV1 professional]: Alpha 3, 2, 4, 2; Beta 4, 3, 1, 4. Alpha 83.75 (young partners
 * 37.5) beats Beta 67.75; without the young partners Beta 64 beats Alpha 57.5 (out of 70).
 * Q1 and Q2 cite two statements of a workshop (one without consent, cited by Q2).
 */
export async function feedbackRound(t: TestApp) {
  const lead = await t.tokenFor('commissioner@demo.test');
  const imported = (await t.http().post('/api/statements/import').set(bearer(lead)).send({
    workshop: { title: 'Youth voice workshop: feeling safe', heldOn: '2026-10-14', ranBy: 'Participation team', participants: 9 },
    groupCode: 'YP-NORTH', themes: ['safety'], consent: true,
    list: 'I want to talk to someone who has been through what I have been through\nI want to feel safe when I walk in',
  }).expect(201)).body;
  const [lived, safe] = imported.statements.map((s: { id: string }) => s.id) as string[];
  const private_ = (await t.http().post('/api/statements').set(bearer(lead)).send({ text: 'Do not tell my school about me', groupCode: 'YP-NORTH', consent: false }).expect(201)).body.id as string;
  const marks: Record<string, number>[] = [{ 'Q1/professional': 3, 'Q1/youngPartner': 2, 'Q2/youngPartner': 4, 'SV1/professional': 2 }, { 'Q1/professional': 4, 'Q1/youngPartner': 3, 'Q2/youngPartner': 1, 'SV1/professional': 4 }];
  const decided = await decidedRound(t, {
    bids: [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '125' }],
    mark: (bid, key, group) => marks[bid][`${key}/${group}`],
    panel: PANEL.filter((m) => ['yp1@demo.test', 'yp2@demo.test', 'clinician@demo.test'].includes(m.email)),
    whileDraft: async (roundId, token) => {
      await t.http().put(`/api/rounds/${roundId}/questions/Q1/statements`).set(bearer(token)).send({ statementIds: [lived] }).expect(200);
      await t.http().put(`/api/rounds/${roundId}/questions/Q2/statements`).set(bearer(token)).send({ statementIds: [safe, private_] }).expect(200);
    },
  });
  return { ...decided, statements: { lived, safe, private: private_ } };
}

/** Issues the award notice and lets the standstill pass: the round is awarded. */
export async function award(t: TestApp, roundId: string, lead: string): Promise<void> {
  await sendSummaries(t, roundId, lead);
  const issued = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200)).body.round;
  t.clock.set(new Date(new Date(issued.timetable.standstillEndsAt).getTime() + 1000));
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'STANDSTILL_ELAPSED' }).expect(200);
}

export const LISTENED_TO = {
  name: 'Young people feel listened to', measure: 'Share of young people answering yes to "Did staff listen to you?" in the exit survey',
  unit: '%', target: '80', direction: 'atLeast', frequency: 'quarterly',
};

/** Three lots: L1 and L2 have TWO_LOT_BIDS' bids, L3 none (it ends with no award). */
export const THREE_LOTS = [
  { key: 'L1', title: 'North', description: 'The service in the north of the county.' },
  { key: 'L2', title: 'South', description: 'The service in the south of the county.' },
  { key: 'L3', title: 'East', description: 'The service in the east of the county.' },
];

/**
 * A round with lots at the award decision, nothing decided yet: the bids and marks of
 * test/lots.e2e-spec.ts (hand-computed there and in README "Lots"). L1: Birch 72.5 beats Alder 66.5;
 * L2: Alder and Cedar 87.5 each, the tie-break (quality 62.5 against 57.5) gives it to Alder; L3 has no
 * bids. `decide` records L1 for Birch, L2 for Alder and no award for L3.
 */
export async function lotsFeedbackRound(t: TestApp) {
  const marks: Record<string, number>[] = [
    { 'Q1/professional': 3, 'Q1/youngPartner': 3, 'Q2/youngPartner': 2, 'SV1/professional': 2 }, // L1 Alder
    { 'Q1/professional': 2, 'Q1/youngPartner': 2, 'Q2/youngPartner': 3, 'SV1/professional': 2 }, // L1 Birch
    { 'Q1/professional': 4, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 4 }, // L2 Alder
    { 'Q1/professional': 4, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 2 }, // L2 Cedar
  ];
  const decided = await decidedRound(t, { bids: TWO_LOT_BIDS, mark: (bid, key, group) => marks[bid][`${key}/${group}`], overrides: { lots: THREE_LOTS } });
  const [alder1, birch, alder2, cedar] = decided.bidIds;
  const decide = (lotKey: string, body: Record<string, unknown>) =>
    t.http().post(`/api/rounds/${decided.roundId}/lots/${lotKey}/award-decision`).set(bearer(decided.lead)).send(body).expect(200);
  return {
    ...decided, bids: { alder1, birch, alder2, cedar },
    decideL1: () => decide('L1', { bidId: birch }),
    decideTheRest: async () => {
      await decide('L2', { bidId: alder2 });
      await decide('L3', { noAwardReason: 'No organisation bid for the east lot, so there is nothing to award there.' });
    },
  };
}
