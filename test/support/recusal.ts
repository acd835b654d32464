import { bearer, roundInScoring } from './rounds.js';
import type { TestApp } from './test-app.js';

/**
 * A round in scoring with two recusals, for the panel-integrity tests (bids A £100, B £120; scale 0-4):
 * - P1 (clinician) saves drafts on A (Q1 4, SV1 4), then declares an interest in A, then submits;
 * - YP1 submits (B: Q1 4, Q2 4), then declares an interest in B.
 * Everyone else: A Q1 P 2 / YP 3, Q2 2, SV1 2; B Q1 P 2 / YP 1, Q2 1, SV1 2.
 * Counting only the marks that count, by hand: A = 18.75 + 15 + 5 + 30 = 68.75;
 * B = 11.25 + 7.5 + 5 + 25 = 48.75. (Counting the recused marks would give A 72.92, B 60.)
 */
export async function roundWithRecusals(t: TestApp) {
  t.clock.set(new Date());
  const round = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '120' }]);
  const { roundId, tokens, bidIds: [bidA, bidB] } = round;
  const detail = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(round.lead)).expect(200)).body;
  const q: Record<string, string> = Object.fromEntries(detail.criteria.flatMap((s: { questions: { key: string; id: string }[] }) => s.questions).map((x: { key: string; id: string }) => [x.key, x.id]));
  const save = (email: string, bidId: string, key: string, mark: number) =>
    t.http().put(`/api/rounds/${roundId}/bids/${bidId}/scores/${q[key]}`).set(bearer(tokens[email])).send({ mark, justification: `Mark ${mark}: what the answer shows` }).expect(200);
  const submit = (email: string) => t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[email])).expect(200);
  const declare = (email: string, bidId: string, interest: string) =>
    t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(tokens[email])).send({ bidId, interest }).expect(200);

  await save('clinician@demo.test', bidA, 'Q1', 4);
  await save('clinician@demo.test', bidA, 'SV1', 4);
  await declare('clinician@demo.test', bidA, 'I was a trustee of Alpha CIC until last year');
  await save('clinician@demo.test', bidB, 'Q1', 2);
  await save('clinician@demo.test', bidB, 'SV1', 2);
  const clinicianSubmitted = (await submit('clinician@demo.test')).body;
  for (const email of ['finance@demo.test', 'safeguarding@demo.test']) {
    for (const bid of [bidA, bidB]) for (const key of ['Q1', 'SV1']) await save(email, bid, key, 2);
    await submit(email);
  }
  for (const email of ['yp1@demo.test', 'yp2@demo.test', 'yp3@demo.test']) {
    await save(email, bidA, 'Q1', 3);
    await save(email, bidA, 'Q2', 2);
    const b = email === 'yp1@demo.test' ? 4 : 1;
    await save(email, bidB, 'Q1', b);
    await save(email, bidB, 'Q2', b);
    await submit(email);
  }
  await declare('yp1@demo.test', bidB, 'My cousin works at Beta Trust');
  return { ...round, bidA, bidB, q, clinicianSubmitted };
}
