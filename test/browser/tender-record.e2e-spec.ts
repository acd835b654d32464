import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { stringify } from 'csv-stringify/sync';
import { bearer, publishedRound, roundInScoring } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, newContext, PHONE, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

// Issue 15 in the browser: the clarification log and the bid import (commissioner, desktop), and the
// clarifications a young partner reads beside a question (phone).

const HOUR = 3600 * 1000;

describe('clarifications and bid import in the browser', () => {
  let bt: BrowserTest;
  beforeAll(async () => { bt = await startBrowserTest(); });
  afterAll(() => bt.close());
  beforeEach(() => bt.t.clock.set(new Date()));

  it('the commissioner records, publishes and supersedes a clarification', async () => {
    const { roundId } = await publishedRound(bt.t);
    const page = await (await newContext(bt)).newPage();
    await signIn(page, 'commissioner@demo.test');
    await page.goto(`/rounds/${roundId}/clarifications`);
    await page.getByLabel(/Question, as received/).fill('Can the service run from two sites?');
    await page.getByLabel('About').selectOption('Q1');
    await page.getByLabel('Received at').fill(new Date(Date.now() - HOUR).toISOString().slice(0, 16));
    await page.getByLabel(/Asked by/).fill('Brightside Youth Collective');
    await page.getByLabel(/^Answer/).fill('Yes, from up to three sites.');
    await page.getByRole('button', { name: 'Record the question' }).click();
    await page.getByText('The clarification has been recorded.').waitFor();
    await page.getByRole('button', { name: 'Record as published to all bidders' }).click();
    await page.getByText('Recorded as published to all bidders').waitFor();
    await page.getByText('Correct this answer (supersede)').click();
    await page.getByLabel('Corrected answer', { exact: true }).fill('Yes, from up to two sites.');
    await page.getByLabel('Why the answer is replaced').fill('The first answer misquoted the specification');
    await page.getByRole('button', { name: 'Publish the correction' }).click();
    await page.getByText('supersedes the earlier one').waitFor();
    expect(await page.locator('[data-status="superseded"]').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'clarifications-log');
  });

  it('the commissioner imports bids: every problem listed, then a clean file of 300 previewed and registered', async () => {
    const { t } = bt;
    t.clock.set(new Date('2029-06-01T09:00:00Z'));
    const { roundId, lead } = await publishedRound(t, { timetable: { tenderDeadline: '2029-06-30T12:00:00.000Z' } });
    t.clock.set(new Date('2029-06-20T09:00:00Z'));
    const page = await (await newContext(bt)).newPage();
    await signIn(page, 'commissioner@demo.test');
    await page.goto(`/rounds/${roundId}`);
    await page.getByTestId('bid-import-link').click();
    await page.getByLabel(/Filled-in template/).setInputFiles(join(import.meta.dirname, '..', '..', 'fixtures', 'bid-import', 'ten-problems.csv'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('problems found: nothing has been saved').waitFor();
    expect(await page.locator('[data-testid="import-problems"] tbody tr').count()).toBe(9);
    await expectAccessible(page);
    await screenshot(page, 'bid-import-problems');

    const rows = Array.from({ length: 300 }, (_, i) => [`Organisation ${i + 1}`, String(90000 + i), '2029-06-10T09:00:00Z', 'Our approach', 'Safe spaces', 'Local jobs']);
    await page.getByLabel(/Filled-in template/).setInputFiles({ name: 'bids.csv', mimeType: 'text/csv', buffer: Buffer.from(stringify([['Supplier name', 'Price (£)', 'Received at (UTC)', 'Q1', 'Q2', 'SV1'], ...rows])) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Register these 300 bids' }).waitFor();
    await page.getByRole('cell', { name: 'Organisation 300', exact: true }).waitFor(); // the table comes after the button
    await expectAccessible(page);
    await screenshot(page, 'bid-import-preview');
    // One transaction of 300 bids and 300 audit events: give a loaded machine time.
    await page.getByRole('button', { name: 'Register these 300 bids' }).click({ timeout: 120_000 });
    await page.getByText('300 bids registered from the file.').waitFor({ timeout: 120_000 });
    // The bids API goes 100 a page: the total is in its header.
    expect((await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(lead)).expect(200)).headers['x-total-count']).toBe('300');
  });

  it('a young partner reads the clarifications beside the question on a phone, never who asked', async () => {
    const { t } = bt;
    const { roundId, bidIds } = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }], {}, [{ email: 'yp1@demo.test', group: 'youngPartner' }, { email: 'clinician@demo.test', group: 'professional' }], undefined, async (id, token) => {
      const c = (await t.http().post(`/api/rounds/${id}/clarifications`).set(bearer(token)).send({ question: 'Do young people choose where sessions happen?', receivedAt: new Date(t.clock.now().getTime() - HOUR).toISOString(), questionKey: 'Q2', askedBy: 'Brightside Youth Collective', answer: 'Yes: young people choose the place and the time.' }).expect(201)).body;
      await t.http().post(`/api/rounds/${id}/clarifications/${c.id}/publish`).set(bearer(token)).send({}).expect(200);
    });
    const page = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(page, 'yp1@demo.test');
    await page.goto(`/rounds/${roundId}/score/bids/${bidIds[0]}`);
    const box = page.getByTestId('clarifications');
    await box.waitFor();
    expect(await box.innerText()).toContain('Yes: young people choose the place and the time.');
    expect(await page.locator('main').innerText()).not.toContain('Brightside');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'young-partner-clarification');
  });
});
