import { readFile } from 'node:fs/promises';
import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { bearer, sendSummaries } from '../support/rounds.js';
import { type BrowserTest, DESKTOP, expectAccessible, follow, HANG_GUARD_MS, newContext, readmeScreenshot, screenshot, signIn, startBrowserTest } from './browser.js';
import { agreeTheRest, everyoneScores, fixtureDefinition, roundWithBids } from './rounds.js';

jest.setTimeout(HANG_GUARD_MS);

describe('the auditor checks the evidence in the browser', () => {
  let bt: BrowserTest;
  let page: Page;
  let round: Awaited<ReturnType<typeof roundWithBids>>;
  beforeAll(async () => {
    bt = await startBrowserTest();
    // A round taken through scoring, moderation and the award notice through the API.
    round = await roundWithBids(bt.t, fixtureDefinition(bt.t, 'youth-justice-mentoring.json'), [
      { supplierName: 'Keystone Mentoring Collective CIC', price: '512640.00' },
      { supplierName: 'Halden Youth Mentoring Trust', price: '498300.00' },
      { supplierName: 'Brookmere Community Services', price: '468900.00', excluded: 'PF1: the barred list check for volunteers was not confirmed' },
    ]);
    await everyoneScores(bt.t, round.roundId, round.tokens, ({ bidId, index }) => (bidId === round.bidIds[0] ? 3 : 2) + (index === 1 ? 1 : 0));
    const lead = round.lead;
    await bt.t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    await agreeTheRest(bt.t, round.roundId, lead);
    await bt.t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
    await bt.t.http().post(`/api/rounds/${round.roundId}/award-decision`).set(bearer(lead)).send({ bidId: round.bidIds[0] }).expect(200);
    await sendSummaries(bt.t, round.roundId, lead);
    await bt.t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200);
    page = await (await newContext(bt, { viewport: DESKTOP })).newPage();
  });
  afterAll(() => bt.close());

  it('sees the round, downloads the workbook, and sees the audit chain verified', async () => {
    const auditorToken = await bt.t.tokenFor('auditor@demo.test'); // signing in is itself audited: before the page
    await signIn(page, 'auditor@demo.test');
    await page.getByRole('heading', { name: 'Rounds you can audit' }).waitFor();
    await screenshot(page, 'auditor-1-home');
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Workbook and audit trail for YJS-/ }).click();

    await page.getByRole('heading', { name: 'Audit chain' }).waitFor();
    const verdict = page.locator('[data-verify]');
    await expect(verdict.getAttribute('data-verify')).resolves.toBe('valid');
    await expect(verdict.innerText()).resolves.toMatch(/✓ Chain verified: \d+ events checked/);
    const api = (await bt.t.http().get('/api/audit/verify').set(bearer(auditorToken)).expect(200)).body;
    await expect(verdict.innerText()).resolves.toContain(api.lastHash);
    const history = await page.locator('section[aria-labelledby="history-h"] tbody').innerText();
    expect(history.split('\n')).toHaveLength(6);
    expect(history).toContain('Award decision\tStandstill');
    const trail = await page.locator('section[aria-labelledby="trail-h"] tbody').innerText();
    expect(trail).toContain('round.created');
    expect(trail).toContain('scores.submitted');
    expect(trail).toContain('consensus.recorded');
    await screenshot(page, 'auditor-2-evidence');
    await readmeScreenshot(page, 'auditor-evidence');
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the workbook (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const names = workbook.worksheets.map((w) => w.name).join(' ');
    expect(names).toMatch(/score/i);

    // The auditor reads the other round pages, with no forms that change anything.
    for (const tab of ['Overview', 'Moderation', 'Results']) {
      await follow(page.getByRole('link', { name: tab, exact: true }));
      await page.getByText('read only').first().waitFor();
      expect(await page.locator('main form[method="post"]').count()).toBe(0);
      await expectAccessible(page);
    }
    await screenshot(page, 'auditor-3-results');
  });
});
