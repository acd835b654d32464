import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../support/rounds.js';
import { type BrowserTest, DESKTOP, expectAccessible, HANG_GUARD_MS, newContext, readmeScreenshot, screenshot, signIn, startBrowserTest } from './browser.js';
import { agreeTheRest, everyoneScores, fixtureDefinition, roundWithBids } from './rounds.js';

jest.setTimeout(HANG_GUARD_MS);

// Panel insight in the browser at 1280 px: the panel's consistency on the moderation page, how robust
// the result is (with its chart) on the results page; panellists are refused both pages.

describe('panel insight in the browser', () => {
  let bt: BrowserTest;
  let page: Page;
  let round: Awaited<ReturnType<typeof roundWithBids>>;

  beforeAll(async () => {
    bt = await startBrowserTest();
    page = await (await newContext(bt, { viewport: DESKTOP })).newPage();
    await signIn(page, 'commissioner@demo.test');
    round = await roundWithBids(bt.t, fixtureDefinition(bt.t, 'social-prescribing-pathway.json'), [
      { supplierName: 'Crossways Youth Link CIC', price: '1712260.00' },
      { supplierName: 'Tidewater Wellbeing CIC', price: '1654800.00' },
    ]);
    const [crossways] = round.bidIds;
    // Crossways 3s, Tidewater 2s; the second professional always gives one more (at most 4).
    await everyoneScores(bt.t, round.roundId, round.tokens, ({ bidId, group, index }) => {
      const base = bidId === crossways ? 3 : 2;
      return group === 'professional' && index === 1 ? Math.min(4, base + 1) : base;
    });
    await bt.t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(round.lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    await agreeTheRest(bt.t, round.roundId, round.lead);
  });
  afterAll(() => bt.close());

  it('shows the lead how consistent the panel was while preparing moderation', async () => {
    await page.goto(`/rounds/${round.roundId}/moderation`);
    // Worked out over the whole round, it has its own page, linked from moderation.
    await page.getByRole('link', { name: /Agreement per question/ }).click();
    const section = page.locator('section[aria-labelledby="consistency-h"]');
    await section.getByRole('heading', { name: 'How consistent was the panel?' }).waitFor();
    const text = await section.innerText();
    expect(text).toMatch(/Young partners\s*: agreement 1\.00, the panel applied the scale consistently/);
    expect(text).toMatch(/P2\s+Professionals\s+\d+\s+\+1\.00/);
    expect(text).toContain('more generous than the professional group');
    await screenshot(section, 'insight-consistency');
    await expectAccessible(page);
  });

  it('shows how robust the result is, with its chart, on the results page', async () => {
    await bt.t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(round.lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
    await page.goto(`/rounds/${round.roundId}/results`);
    const section = page.locator('section[aria-labelledby="robust-h"]');
    await section.locator('canvas#chart-robustness[data-rendered="yes"]').waitFor();
    const api = (await bt.t.http().get(`/api/rounds/${round.roundId}/sensitivity`).set(bearer(round.lead)).expect(200)).body;
    const text = await section.innerText();
    expect(text).toContain(api.words.winner);
    for (const m of api.words.marks.filter((m: { changes: boolean }) => m.changes)) expect(text).toContain(m.sentence);
    expect(text).toMatch(/On Q1, Q2, Q3, Q5, .*: no single mark change would change the winner\./);
    expect(text).toContain(api.words.priceWeight);
    await screenshot(section, 'insight-robustness');
    await screenshot(page, 'insight-results');
    if (process.env.README_SCREENSHOTS) {
      await section.evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
      await readmeScreenshot(page, 'robustness');
    }
    await expectAccessible(page);
  });

  // Panellists are refused both pages, with nothing of them shown: test/pages.e2e-spec.ts (over HTTP).
});
