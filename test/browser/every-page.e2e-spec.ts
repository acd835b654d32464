import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../support/rounds.js';
import { axeViolations, type BrowserTest, HANG_GUARD_MS, newContext, PHONE, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

/**
 * axe-core on every page of the demo data (a round in each interesting state), as each kind of user
 * sees it: no violation of any impact, minor ones included (landmark-unique, region, heading-order...).
 */
describe('every page passes axe at every impact', () => {
  let bt: BrowserTest;
  beforeAll(async () => {
    bt = await startBrowserTest({ demoRounds: true });
  });
  afterAll(() => bt.close());

  async function visitAll(page: Page, paths: string[]): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    let checked = 0;
    for (const path of paths) {
      // Refusals and "not yet" pages are pages people see too: checked like the rest.
      const response = await page.goto(path);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      const violations = await axeViolations(page);
      checked += 1;
      if (violations.length) found[path] = violations;
    }
    expect(checked).toBe(paths.length);
    expect(checked).toBeGreaterThan(5);
    return found;
  }

  it('for the commissioner and the auditor', async () => {
    for (const email of ['commissioner@demo.test', 'auditor@demo.test']) {
      const page = await (await newContext(bt)).newPage();
      await signIn(page, email);
      const token = await bt.t.tokenFor(email);
      const rounds = (await bt.t.http().get('/api/rounds').set(bearer(token)).expect(200)).body as { id: string }[];
      const paths = ['/', '/statements', ...(email.startsWith('commissioner') ? ['/rounds/new'] : [])];
      for (const r of rounds) paths.push(`/rounds/${r.id}`, `/rounds/${r.id}/moderation`, `/rounds/${r.id}/results`, `/rounds/${r.id}/summaries`, `/rounds/${r.id}/evidence`);
      expect(await visitAll(page, paths)).toEqual({});
      await page.context().close();
    }
  });

  it('for a young partner on a phone', async () => {
    const page = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(page, 'yp1@demo.test');
    const token = await bt.t.tokenFor('yp1@demo.test');
    const rounds = (await bt.t.http().get('/api/rounds').set(bearer(token)).expect(200)).body as { id: string }[];
    const paths = ['/', '/statements', '/no-such-page', '/invitations/not-a-real-token'];
    for (const r of rounds) {
      paths.push(`/rounds/${r.id}/score`, `/rounds/${r.id}/score/check`);
      // One organisation's page per round: the others are the same page in the same state with other answers.
      const mine = await bt.t.http().get(`/api/rounds/${r.id}/my-scoring`).set(bearer(token));
      for (const b of ((mine.body?.bids ?? []) as { bidId: string }[]).slice(0, 1)) paths.push(`/rounds/${r.id}/score/bids/${b.bidId}`);
    }
    expect(await visitAll(page, paths)).toEqual({});
  });
});
