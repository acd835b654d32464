import { bearer, roundInScoring } from './support/rounds.js';
import { DEMO, startTestApp, TestApp } from './support/test-app.js';

describe('scoring under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loses no score when 30 panellists save and submit at once, and keeps one consensus when two are written at once', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const panel = Array.from({ length: 30 }, (_, i) => ({ email: `panellist${i + 1}@example.org`, group: i % 2 === 0 ? 'youngPartner' : 'professional' }));
    await Promise.all(panel.map(async (m, i) => {
      const invited = await t.http().post('/api/users').set(bearer(lead)).send({ email: m.email, displayName: `Panellist ${i + 1}`, roles: ['panellist'] }).expect(201);
      await t.http().post(`/api/auth/invitations/${invited.body.invitation.token}`).send({ password: DEMO.demoPassword }).expect(200);
    }));
    const { roundId, tokens } = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '150' }], {}, panel);

    // Every panellist's assignments, then all their saves at once.
    const work = await Promise.all(panel.map(async (m) => {
      const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens[m.email])).expect(200)).body;
      return mine.bids.flatMap((bid: { bidId: string; questions: { criterionId: string }[] }) => bid.questions.map((q) => ({ email: m.email, bidId: bid.bidId, criterionId: q.criterionId })));
    }));
    const saves = work.flat();
    expect(saves).toHaveLength(30 * 4);
    const markFor = (i: number) => i % 5;
    const saved = await Promise.all(saves.map((s, i) =>
      t.http().put(`/api/rounds/${roundId}/bids/${s.bidId}/scores/${s.criterionId}`).set(bearer(tokens[s.email])).send({ mark: markFor(i), justification: `Concurrent save number ${i}` })));
    expect(saved.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    const submitted = await Promise.all(panel.map((m) => t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[m.email]))));
    expect(submitted.map((r) => r.status)).toEqual(panel.map(() => 200));

    const rows = (await t.db.sql(`SELECT "panelMemberId", "bidId", "criterionId", mark, justification, "submittedAt" FROM scores WHERE "roundId" = '${roundId}'`)) as { mark: number; justification: string; submittedAt: string | null }[];
    expect(rows).toHaveLength(120);
    expect(rows.every((r) => r.submittedAt !== null)).toBe(true);
    const byJustification = new Map(rows.map((r) => [r.justification, Number(r.mark)]));
    saves.forEach((_, i) => expect(byJustification.get(`Concurrent save number ${i}`)).toBe(markFor(i)));

    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    const moderation = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body;
    expect(moderation.items.every((cell: { marks: unknown[] }) => cell.marks.length === 15)).toBe(true);

    const cell = moderation.items[0];
    const twice = await Promise.all([1, 2].map((n) =>
      t.http().put(`/api/rounds/${roundId}/bids/${cell.bidId}/consensus/${cell.criterionId}`).set(bearer(lead)).send({ group: cell.group, mark: 2, reason: `Written at once, attempt ${n}` })));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    const stored = await t.db.sql(`SELECT id FROM consensus WHERE "bidId" = '${cell.bidId}' AND "criterionId" = '${cell.criterionId}' AND "group" = '${cell.group}'`);
    expect(stored).toHaveLength(1);
  }, 120_000); // 30 panellists over HTTP: slow on a loaded machine
});
