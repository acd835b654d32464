import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../src/seed/demo-fixtures.js';
import { bearer } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

const files = readdirSync(join(FIXTURES_DIR, 'rounds')).filter((f) => f.endsWith('.json'));

describe('the round definitions in fixtures/rounds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_DEMO: 'false' } });
  });
  afterAll(() => t.close());

  it('has at least the three demo routes', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s is accepted by POST /api/rounds as it stands', async (file) => {
    const definition = JSON.parse(readFileSync(join(FIXTURES_DIR, 'rounds', file), 'utf8'));
    const lead = await t.tokenFor('commissioner@demo.test');
    const created = await t.http().post('/api/rounds').set(bearer(lead)).send({ ...definition, reference: `${definition.reference}-T` });
    expect(created.body.problems ?? created.body.errors ?? []).toEqual([]);
    expect(created.status).toBe(201);
    expect(created.body.route).toBe(definition.route);
    const youngPartnerOwned = created.body.criteria.flatMap((s: { questions: { scoredBy: string[] }[] }) => s.questions).filter((q: { scoredBy: string[] }) => q.scoredBy.length === 1 && q.scoredBy[0] === 'youngPartner');
    expect(youngPartnerOwned.length).toBeGreaterThanOrEqual(1);
  });

  it("fixtures/bid-import/three-ics-bids.csv is its round's import template filled in: the template's heading row, one row per bid", async () => {
    const definition = JSON.parse(readFileSync(join(FIXTURES_DIR, 'rounds', 'three-ics-mentoring-pilot.json'), 'utf8'));
    const lead = await t.tokenFor('commissioner@demo.test');
    const created = await t.http().post('/api/rounds').set(bearer(lead)).send({ ...definition, reference: `${definition.reference}-CSV` }).expect(201);
    const template = (await t.http().get(`/api/rounds/${created.body.id}/bid-import/template.csv`).set(bearer(lead)).expect(200)).text;
    const lines = readFileSync(join(FIXTURES_DIR, 'bid-import', 'three-ics-bids.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(template.trimEnd());
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 2)[0])).toEqual(['L1', 'L1', 'L1', 'L2', 'L2', 'L3', 'L3']);
  });
});
