import { bearer, PANEL, roundInScoring } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Panel insight over the API, on the README's worked example (Safer Futures 77.75, Youth Link 67.50):
// the award's sensitivity for the lead and auditors, the panel's consistency never for panellists.

type Group = 'professional' | 'youngPartner';
/** The agreed marks, by bid and question and group, as in the worked example. */
const AGREED: Record<string, Record<string, Partial<Record<Group, number>>>> = {
  safer: { Q1: { professional: 3, youngPartner: 4 }, Q2: { youngPartner: 3 }, SV1: { professional: 2 } },
  youth: { Q1: { professional: 2, youngPartner: 2 }, Q2: { youngPartner: 2 }, SV1: { professional: 3 } },
};
// finance@demo.test marks every answer one above the agreed mark (at most 4); everyone else gives the agreed mark.
const LENIENT = 'finance@demo.test';

describe('panel insight: sensitivity and consistency', () => {
  let t: TestApp;
  let roundId: string;
  let lead: string;
  let tokens: Record<string, string>;
  const minute = 60_000;

  beforeAll(async () => {
    t = await startTestApp();
    const round = await roundInScoring(t, [{ supplierName: 'Safer Futures CIC', price: '1500000' }, { supplierName: 'Youth Link Partnership', price: '1200000' }]);
    ({ roundId, lead, tokens } = round);
    const bids = { safer: round.bidIds[0], youth: round.bidIds[1] };
    // Each group sees the questions it scores; between them, every quality question.
    const questions: { criterionId: string; key: string }[] = [];
    for (const email of ['clinician@demo.test', 'yp1@demo.test']) {
      questions.push(...(await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens[email])).expect(200)).body.bids[0].questions);
    }
    const id = (key: string) => questions.find((q) => q.key === key)!.criterionId;
    for (const m of PANEL) {
      for (const [bid, byKey] of Object.entries(AGREED)) {
        for (const [key, groups] of Object.entries(byKey)) {
          const agreed = groups[m.group];
          if (agreed === undefined) continue;
          const mark = m.email === LENIENT ? Math.min(4, agreed + 1) : agreed;
          t.clock.set(new Date(t.clock.now().getTime() + minute));
          await t.http().put(`/api/rounds/${roundId}/bids/${bids[bid as 'safer' | 'youth']}/scores/${id(key)}`).set(bearer(tokens[m.email]))
            .send({ mark, justification: `Mark ${mark}: the answer shows this level of evidence` }).expect(200);
        }
      }
      await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[m.email])).expect(200);
    }
    // Still scoring: the lead may not see either yet.
    await t.http().get(`/api/rounds/${roundId}/sensitivity`).set(bearer(lead)).expect(403);
    await t.http().get(`/api/rounds/${roundId}/consistency`).set(bearer(lead)).expect(403);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    for (const [bid, byKey] of Object.entries(AGREED)) {
      for (const [key, groups] of Object.entries(byKey)) {
        for (const [group, mark] of Object.entries(groups)) {
          await t.http().put(`/api/rounds/${roundId}/bids/${bids[bid as 'safer' | 'youth']}/consensus/${id(key)}`).set(bearer(lead))
            .send({ group, mark, reason: 'Agreed after discussing the evidence in the answer' }).expect(200);
        }
      }
    }
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
  });
  afterAll(() => t.close());

  it('is for the lead and auditors; panellists get 403', async () => {
    for (const path of ['sensitivity', 'consistency']) {
      await t.http().get(`/api/rounds/${roundId}/${path}`).set(bearer(lead)).expect(200);
      await t.http().get(`/api/rounds/${roundId}/${path}`).set(bearer(await t.tokenFor('auditor@demo.test'))).expect(200);
      await t.http().get(`/api/rounds/${roundId}/${path}`).set(bearer(tokens['yp1@demo.test'])).expect(403);
      await t.http().get(`/api/rounds/${roundId}/${path}`).set(bearer(tokens['clinician@demo.test'])).expect(403);
    }
  });

  it('says how robust the award is, in figures and words', async () => {
    const body = (await t.http().get(`/api/rounds/${roundId}/sensitivity`).set(bearer(lead)).expect(200)).body;
    const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    const [safer, youth] = results.bids;
    expect([safer.total, youth.total]).toEqual(['77.75', '67.5']);
    expect(body.provisional).toBe(false);
    expect(body.sensitivity).toMatchObject({ winnerIds: [safer.id], runnerUpId: youth.id, margin: '10.25' });
    expect(body.words.winner).toBe('Safer Futures CIC is first by 10.25 points out of 100 over Youth Link Partnership.');
    expect(body.words.marks.map((m: { sentence: string }) => m.sentence)).toEqual([
      'Q1 Approach: 3 marks lower for Safer Futures CIC from the professionals (3.00 to 0.00) would make Youth Link Partnership first.',
      'Q2 Feeling safe: 2 marks lower for Safer Futures CIC from the young partners (3.00 to 1.00) would make Youth Link Partnership first.',
      'SV1 Local jobs: no single mark change would change the winner.',
    ]);
    // Q1 has a minimum of 2: Youth Link's 2 and 2 are one mark from it.
    expect(body.words.thresholds).toEqual([
      'Youth Link Partnership would be disqualified if the professionals’ mark on Q1 Approach were one lower (2.00 to 1.00).',
      'Youth Link Partnership would be disqualified if the young partners’ mark on Q1 Approach were one lower (2.00 to 1.00).',
    ]);
    // The crossing is 6500/121 %; there the totals tie and Safer Futures' higher quality score wins the tie-break.
    expect(body.words.priceWeight).toBe('The price weight (published: 30.00 %): Safer Futures CIC stays first from 0.00 % to 53.72 %. Outside that, Youth Link Partnership would be first from 53.72 % (not including it) to 100.00 %.');
  });

  it("measures the panel's agreement and flags the lenient panellist by panel code", async () => {
    const body = (await t.http().get(`/api/rounds/${roundId}/consistency`).set(bearer(lead)).expect(200)).body;
    const moderation = (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(lead)).expect(200)).body;
    expect(moderation.items[0].marks[0].savedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(body.agreement.find((a: { group: string; key: string | null }) => a.group === 'youngPartner' && a.key === null))
      .toMatchObject({ ordinal: 1, interval: 1, meaning: 'the panel applied the scale consistently' });
    const flagged = body.panellists.filter((p: { flags: string[] }) => p.flags.length > 0);
    // Finance: 4, 3 on Safer (agreed 3, 2) and 3, 4 on Youth Link (agreed 2, 3): one above every time.
    expect(flagged).toEqual([{ panelCode: expect.stringMatching(/^P\d+$/), group: 'professional', marks: 4, leniency: 1, spread: 0, drift: 0, flags: ['more generous than the professional group: 1 of a mark on average over 4 marks'] }]);
    expect(JSON.stringify(body)).not.toMatch(/finance|demo\.test/);
    expect(body.rules).toHaveLength(4);
  });
});

describe("panel insight on the demo's moderated round", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demoRounds: true });
  }, 120_000); // seeds five demo rounds through the services
  afterAll(() => t.close());

  it('shows its robustness and its panel’s consistency over the API and on the pages', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const rounds = (await t.http().get('/api/rounds').set(bearer(lead)).expect(200)).body;
    const decided = rounds.find((r: { reference: string }) => r.reference === 'YJS-2027-006').id;
    const sensitivity = (await t.http().get(`/api/rounds/${decided}/sensitivity`).set(bearer(lead)).expect(200)).body;
    expect(sensitivity).toMatchObject({ provisional: false, sensitivity: { computed: true, winnerIds: [expect.any(String)] } });
    expect(sensitivity.words.marks.length).toBeGreaterThan(0);
    const consistency = (await t.http().get(`/api/rounds/${decided}/consistency`).set(bearer(lead)).expect(200)).body;
    expect(consistency.agreement.filter((a: { key: string | null }) => a.key === null).map((a: { group: string }) => a.group)).toEqual(['professional', 'youngPartner']);
    expect(consistency.panellists.length).toBeGreaterThanOrEqual(6);
    // The pages, with the lead's bearer token.
    const results = (await t.http().get(`/rounds/${decided}/results`).set(bearer(lead)).expect(200)).text;
    expect(results).toContain('How robust is this result?');
    const winner = sensitivity.bids.find((b: { id: string }) => b.id === sensitivity.sensitivity.winnerIds[0]).supplierName as string;
    expect(results).toMatch(new RegExp(`${winner.replaceAll("'", '&#39;')} is first by \\d+\\.\\d\\d points`));
    const moderation = (await t.http().get(`/rounds/${decided}/moderation`).set(bearer(lead)).expect(200)).text;
    expect(moderation).toContain(`href="/rounds/${decided}/moderation/consistency"`);
    const consistencyPage = (await t.http().get(`/rounds/${decided}/moderation/consistency`).set(bearer(lead)).expect(200)).text;
    expect(consistencyPage).toContain('How consistent was the panel?');
    expect(consistencyPage).toContain("Krippendorff's alpha");
  });
});
