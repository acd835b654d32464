import { signInPage } from './support/accounts.js';
import { bearer, roundDefinition, roundInScoring, userId } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// Issue 12, part 3: young partners check the plain-language questions before the round goes out. A
// round may require it: PUBLISH then waits for every young partner on the panel, or the lead's reason.

describe('young partners check the questions before publication', () => {
  let t: TestApp;
  let lead: string;
  let yp1: string;
  let yp2: string;
  let clinician: string;
  beforeAll(async () => {
    t = await startTestApp();
    [lead, yp1, yp2, clinician] = await Promise.all(['commissioner@demo.test', 'yp1@demo.test', 'yp2@demo.test', 'clinician@demo.test'].map((e) => t.tokenFor(e)));
  });
  afterAll(() => t.close());

  /** A draft with Jordan (YP1), Aisha (YP2) and the clinician (P1), conflicts assessed: ready to publish but for the review. */
  async function draft(): Promise<{ roundId: string; members: Record<string, string> }> {
    t.clock.set(new Date());
    const roundId: string = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id;
    const members: Record<string, string> = {};
    for (const [email, group] of [['yp1@demo.test', 'youngPartner'], ['yp2@demo.test', 'youngPartner'], ['clinician@demo.test', 'professional']]) {
      members[email] = (await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, email), group }).expect(201)).body.id;
    }
    await t.http().post(`/api/rounds/${roundId}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Panel and officers assessed; no interests found in the market.' }).expect(200);
    return { roundId, members };
  }
  const check = (token: string, roundId: string, key: string, body: Record<string, unknown>) => t.http().put(`/api/rounds/${roundId}/questions/${key}/check`).set(bearer(token)).send(body);
  const publish = (roundId: string) => t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' });

  it('when required, PUBLISH is refused naming who has not checked, until each has checked or the lead records why not', async () => {
    const { roundId, members } = await draft();
    await t.http().put(`/api/rounds/${roundId}/question-review/setting`).set(bearer(lead)).send({ required: true }).expect(200);
    // The round page lists the same reason among what blocks PUBLISH.
    const refused = (await publish(roundId).expect(409)).body;
    expect(JSON.stringify(refused)).toContain('2 young partners have not checked the questions: Jordan (YP1), Aisha (YP2); wait for them, or record why not');

    // Jordan checks both questions young partners score (Q1 and Q2); Aisha only one of them.
    await check(yp1, roundId, 'Q1', { verdict: 'clear' }).expect(200);
    await check(yp1, roundId, 'Q2', { verdict: 'suggestion', suggestedWording: 'Will you feel safe and listened to there?', comment: '"Listened to" by who?' }).expect(200);
    await check(yp2, roundId, 'Q1', { verdict: 'clear' }).expect(200);
    const stillRefused = JSON.stringify((await publish(roundId).expect(409)).body);
    expect(stillRefused).toContain('1 young partner has not checked the questions: Aisha (YP2); wait for them, or record why not');
    expect(stillRefused).not.toContain('Jordan');
    const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
    expect(JSON.stringify(round)).toContain('Aisha (YP2)');

    const view = (await t.http().get(`/api/rounds/${roundId}/question-review`).set(bearer(lead)).expect(200)).body;
    expect(view.youngPartners.map((y: { name: string; checked: number; toCheck: number; done: boolean }) => [y.name, y.checked, y.toCheck, y.done])).toEqual([['Jordan (YP1)', 2, 2, true], ['Aisha (YP2)', 1, 2, false]]);

    const blank = await t.http().post(`/api/rounds/${roundId}/question-review/not-checked`).set(bearer(lead)).send({ memberId: members['yp2@demo.test'], reason: ' ' }).expect(400);
    expect(JSON.stringify(blank.body)).toContain('reason');
    await t.http().post(`/api/rounds/${roundId}/question-review/not-checked`).set(bearer(lead)).send({ memberId: members['clinician@demo.test'], reason: 'Not a young partner at all' }).expect(404);
    await t.http().post(`/api/rounds/${roundId}/question-review/not-checked`).set(bearer(yp1)).send({ memberId: members['yp2@demo.test'], reason: 'Trying to excuse a friend' }).expect(403);
    await t.http().post(`/api/rounds/${roundId}/question-review/not-checked`).set(bearer(lead)).send({ memberId: members['yp2@demo.test'], reason: 'Away on a residential until after publication; will talk it through at the briefing' }).expect(200);
    expect((await publish(roundId).expect(200)).body.to).toBe('tendering');

    // Once published the questions are fixed: no more checks, no more changes.
    await check(yp2, roundId, 'Q2', { verdict: 'clear' }).expect(409);
    const auditor = await t.tokenFor('auditor@demo.test');
    const types = (await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(auditor)).expect(200)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['question_review.requirement_set', 'question_review.checked', 'question_review.not_checked_recorded']));
  });

  it('a round that does not require it publishes without anyone checking', async () => {
    const { roundId } = await draft();
    await publish(roundId).expect(200);
  });

  it('the lead accepts better words (kept as a new version, audited) and the young partner scores against them; or answers', async () => {
    let roundId = '';
    let feedbackId = '';
    const built = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }], {}, undefined, async (id) => {
      roundId = id;
      await t.http().put(`/api/rounds/${id}/question-review/setting`).set(bearer(lead)).send({ required: true }).expect(200);
      const yp3 = await t.tokenFor('yp3@demo.test');
      for (const token of [yp1, yp2, yp3]) await check(token, id, 'Q1', { verdict: 'clear' }).expect(200);
      await check(yp2, id, 'Q2', { verdict: 'clear', comment: 'Easy to get' }).expect(200);
      await check(yp3, id, 'Q2', { verdict: 'suggestion', suggestedWording: 'Will you feel safe there?' }).expect(200);
      // Jordan first says it is clear, then changes their mind (allowed until the lead replies).
      await check(yp1, id, 'Q2', { verdict: 'clear' }).expect(200);
      const mine = (await check(yp1, id, 'Q2', { verdict: 'suggestion', suggestedWording: 'Will young people feel safe here, and will staff really listen to them?', comment: 'Say who listens' }).expect(200)).body;
      // A young partner sees only what they said.
      const q2 = mine.questions.find((q: { key: string }) => q.key === 'Q2');
      expect(q2.feedback.map((f: { from: string; verdict: string }) => [f.from, f.verdict])).toEqual([['You', 'suggestion']]);
      expect(mine.me).toMatchObject({ checked: 2, toCheck: 2, done: true });
      expect(mine.youngPartners).toEqual([]);

      const view = (await t.http().get(`/api/rounds/${id}/question-review`).set(bearer(lead)).expect(200)).body;
      const suggestions = view.questions.find((q: { key: string }) => q.key === 'Q2').feedback;
      expect(suggestions.map((f: { from: string }) => f.from)).toEqual(['Aisha (YP2)', 'Kai (YP3)', 'Jordan (YP1)']);
      feedbackId = suggestions[2].id;
      const kai = suggestions[1].id;
      await t.http().post(`/api/rounds/${id}/question-review/${feedbackId}/accept`).set(bearer(yp1)).send({}).expect(403);
      const accepted = (await t.http().post(`/api/rounds/${id}/question-review/${feedbackId}/accept`).set(bearer(lead)).send({ answer: 'Thank you: much clearer.' }).expect(200)).body;
      const acceptedQ2 = accepted.questions.find((q: { key: string }) => q.key === 'Q2');
      expect(acceptedQ2.plainWords).toBe('Will young people feel safe here, and will staff really listen to them?');
      // The earlier wording is kept as version 1.
      expect(acceptedQ2.versions.map((v: { version: number; text: string; fromSuggestion: boolean }) => [v.version, v.text, v.fromSuggestion])).toEqual([
        [1, 'Will young people feel safe and listened to?', false],
        [2, 'Will young people feel safe here, and will staff really listen to them?', true],
      ]);
      await t.http().post(`/api/rounds/${id}/question-review/${feedbackId}/accept`).set(bearer(lead)).send({}).expect(409);
      await check(yp1, id, 'Q2', { verdict: 'clear' }).expect(409); // the lead has replied
      const noAnswer = await t.http().post(`/api/rounds/${id}/question-review/${kai}/answer`).set(bearer(lead)).send({}).expect(400);
      expect(JSON.stringify(noAnswer.body)).toContain('answer');
      const answered = (await t.http().post(`/api/rounds/${id}/question-review/${kai}/answer`).set(bearer(lead)).send({ answer: 'We went with Jordan\'s words, which say the same and a bit more.' }).expect(200)).body;
      expect(answered.questions.find((q: { key: string }) => q.key === 'Q2').feedback[1]).toMatchObject({ outcome: 'answered', answer: 'We went with Jordan\'s words, which say the same and a bit more.' });
    });
    expect(roundId).toBe(built.roundId);

    // Scoring: young partners read the accepted words; professionals the formal text.
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(yp1)).expect(200)).body;
    const q2 = mine.bids[0].questions.find((q: { key: string }) => q.key === 'Q2');
    expect(q2.question).toBe('Will young people feel safe here, and will staff really listen to them?');
    const page = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);
    const html = (await t.http().get(`/rounds/${roundId}/score/bids/${built.bidIds[0]}`).set('Cookie', page.cookieHeader()).expect(200)).text;
    expect(html).toContain('Will young people feel safe here, and will staff really listen to them?');
    expect(html).not.toContain('Will young people feel safe and listened to?');
    const theirs = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(clinician)).expect(200)).body;
    expect(theirs.bids[0].questions.find((q: { key: string }) => q.key === 'Q1').question).toBe('Describe your approach.');

    const auditor = await t.tokenFor('auditor@demo.test');
    const events = (await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(auditor)).expect(200)).body;
    const change = events.find((e: { type: string }) => e.type === 'question_review.wording_accepted');
    expect(change.payload).toMatchObject({ feedbackId, questionKey: 'Q2', from: 'Will young people feel safe and listened to?', to: 'Will young people feel safe here, and will staff really listen to them?', version: 2 });
    expect(events.map((e: { type: string }) => e.type)).toContain('question_review.answered');
  });

  it('checks its input and who asks', async () => {
    const { roundId } = await draft();
    const noWords = await check(yp1, roundId, 'Q2', { verdict: 'suggestion', suggestedWording: '' }).expect(400);
    expect(JSON.stringify(noWords.body)).toContain('suggestedWording');
    const badVerdict = await check(yp1, roundId, 'Q2', { verdict: 'maybe' }).expect(400);
    expect(JSON.stringify(badVerdict.body)).toContain('verdict');
    await check(yp1, roundId, 'NOPE', { verdict: 'clear' }).expect(404);
    await check(clinician, roundId, 'Q1', { verdict: 'clear' }).expect(403); // professionals do not check the plain words
    await check(lead, roundId, 'Q1', { verdict: 'clear' }).expect(403);
    await t.http().get(`/api/rounds/${roundId}/question-review`).set(bearer(clinician)).expect(403);
    // Someone on no panel of this round learns nothing about it.
    const outsider = await t.tokenFor('safeguarding@demo.test');
    await t.http().get(`/api/rounds/${roundId}/question-review`).set(bearer(outsider)).expect(404);
    await check(outsider, roundId, 'Q1', { verdict: 'clear' }).expect(404);
    await t.http().put(`/api/rounds/${roundId}/question-review/setting`).set(bearer(lead)).send({ required: 'sometimes' }).expect(400);
    await t.http().post(`/api/rounds/${roundId}/question-review/not-a-uuid/accept`).set(bearer(lead)).send({}).expect(404);
  });
});

describe('the demo: a completed question check', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ demoRounds: true }); }, 120_000);
  afterAll(() => t.close());

  it('the awarded demo round was checked by every young partner, one suggestion accepted and the rest answered; their records show it', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const rounds = (await t.http().get('/api/rounds').set(bearer(lead)).expect(200)).body as { id: string; reference: string }[];
    const yjs = rounds.find((r) => r.reference === 'YJS-2027-006')!;
    const review = (await t.http().get(`/api/rounds/${yjs.id}/question-review`).set(bearer(lead)).expect(200)).body;
    expect(review).toMatchObject({ required: true, open: false });
    expect(review.youngPartners.map((y: { name: string; done: boolean }) => [y.name, y.done])).toEqual([['Jordan (YP1)', true], ['Aisha (YP2)', true], ['Kai (YP3)', true]]);
    const feedback = review.questions.flatMap((q: { feedback: { outcome: string }[] }) => q.feedback);
    expect(feedback).toHaveLength(9); // 3 young partners x Q1, Q2, SV1
    expect(feedback.map((f: { outcome: string }) => f.outcome).sort()).toEqual(['accepted', 'answered', 'answered', 'open', 'open', 'open', 'open', 'open', 'open']);
    const q2 = review.questions.find((q: { key: string }) => q.key === 'Q2');
    expect(q2.plainWords).toMatch(/^Lots of young people in the youth justice system don't trust adults, often for good reasons\./);
    expect(q2.versions).toHaveLength(2);

    const yp1 = await t.tokenFor('yp1@demo.test');
    const me = (await t.http().get('/api/auth/me').set(bearer(yp1)).expect(200)).body.id;
    const record = (await t.http().get(`/api/young-partners/${me}/involvement`).set(bearer(yp1)).expect(200)).body;
    const work = record.work.find((w: { reference: string }) => w.reference === 'YJS-2027-006');
    expect(work.roles.map((r: { label: string }) => r.label)).toEqual(['Question review', 'Scoring', 'Moderation']);
  });
});
