import { bearer, decidedRound, PANEL, sendSummaries } from './rounds.js';
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
