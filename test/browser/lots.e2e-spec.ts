import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer, decidedRound, TWO_LOT_BIDS } from '../support/rounds.js';
import { type BrowserTest, DESKTOP, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, newContext, PHONE, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

const LOTS = [
  { key: 'L1', title: 'North Central London', description: 'The pathway in the north central area.', value: '3200000.00' },
  { key: 'L2', title: 'South East London', description: 'The pathway in the south east area.' },
];

describe('the lead awards the lots of a round separately in the browser', () => {
  let bt: BrowserTest;
  let page: Page;
  beforeAll(async () => {
    bt = await startBrowserTest();
    page = await (await newContext(bt, { viewport: DESKTOP })).newPage();
    await signIn(page, 'commissioner@demo.test');
  });
  afterAll(() => bt.close());

  it('awards one lot and records no award for the other with a reason, one lot at a time', async () => {
    const { roundId, lead, bidIds } = await decidedRound(bt.t, {
      bids: TWO_LOT_BIDS.slice(0, 3),
      mark: (bid) => [2, 3, 4][bid],
      overrides: { lots: LOTS },
    });
    await page.goto(`/rounds/${roundId}/results`);
    await page.getByRole('heading', { name: 'Lot L1: North Central London' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('radio', { name: /Birch Youth Trust \(rank 1/ }).check();
    await page.getByRole('button', { name: 'Record the decision for this lot' }).click();
    await page.getByText('The preferred bidder has been recorded.').waitFor();

    await page.getByRole('navigation', { name: 'Lots' }).getByRole('link', { name: 'L2 South East London' }).click();
    await page.getByRole('heading', { name: 'Lot L2: South East London' }).waitFor();
    await page.getByRole('radio', { name: 'No award for this lot' }).check();
    await page.getByLabel(/Reason, for no award/).fill('The south east lot is withdrawn: the service moves in-house next year.');
    await page.getByRole('button', { name: 'Record the decision for this lot' }).click();
    await page.getByRole('button', { name: 'Yes, record no award for this lot' }).click();
    await page.getByText('No award for this lot has been recorded.').waitFor();
    await page.getByText('No award for this lot: The south east lot is withdrawn').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'lots-results');

    const results = (await bt.t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body;
    expect(results.lots.map((l: { decision: { bidId: string | null } }) => l.decision.bidId)).toEqual([bidIds[1], null]);

    // On a phone the lot links wrap; nothing scrolls sideways.
    const phone = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(phone, 'commissioner@demo.test');
    await phone.goto(`/rounds/${roundId}/results?lot=L2`);
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, 'lots-results-phone');
  });
});
