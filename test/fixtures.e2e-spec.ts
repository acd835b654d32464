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
});
