import { roundWithRecusals } from './support/recusal.js';
import { bearer, roundDefinition, roundInScoring } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Rules that no test guarded: each of these could be changed alone and the suite stayed green.

describe('pinned evaluation rules', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());

  it.each([['99.99', 59.99], ['100.01', 60.01]])('refuses section weights that sum to %s', async (total, quality) => {
    const definition = roundDefinition();
    const criteria = definition.criteria as { weight: number }[];
    criteria[0].weight = quality; // with 10 and 30 the sum is 99.99 or 100.01
    const refused = await t.http().post('/api/rounds').set(bearer(await t.tokenFor('commissioner@demo.test'))).send(definition).expect(422);
    expect(JSON.stringify(refused.body)).toContain(`The section weights sum to ${total}, not 100`);
  });

  it('refuses a mark above the round scale on a consensus (5 on a 0-4 scale)', async () => {
    const r = await roundWithRecusals(t);
    await t.http().post(`/api/rounds/${r.roundId}/events`).set(bearer(r.lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    const consensus = await t.http().put(`/api/rounds/${r.roundId}/bids/${r.bidA}/consensus/${r.q.Q1}`).set(bearer(r.lead)).send({ group: 'youngPartner', mark: 5, reason: 'A mark the scale does not have' }).expect(422);
    expect(consensus.body.message).toBe('The mark must be between 0 and 4');
  });

  it('refuses a mark above the round scale on a draft save', async () => {
    t.clock.set(new Date());
    const r = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }]);
    const q1 = (await t.http().get(`/api/rounds/${r.roundId}/my-scoring`).set(bearer(r.tokens['yp1@demo.test'])).expect(200)).body.bids[0].questions[0].criterionId;
    const refused = await t.http().put(`/api/rounds/${r.roundId}/bids/${r.bidIds[0]}/scores/${q1}`).set(bearer(r.tokens['yp1@demo.test'])).send({ mark: 5, justification: 'Five out of four, which must not be' }).expect(422);
    expect(refused.body.message).toBe('The mark must be between 0 and 4');
    await t.http().put(`/api/rounds/${r.roundId}/bids/${r.bidIds[0]}/scores/${q1}`).set(bearer(r.tokens['yp1@demo.test'])).send({ mark: 4, justification: 'Four is the top of this scale' }).expect(200);
  });
});
