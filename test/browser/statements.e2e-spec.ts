import { jest } from '@jest/globals';
import { bearer, roundInScoring } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, newContext, PHONE, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

/** Words a young partner should not meet on their own pages. */
const JARGON = /\b(bids?|panels?|rounds?|procurement|tender\w*)\b/i;

describe('i-Statements in the browser', () => {
  let bt: BrowserTest;
  beforeAll(async () => { bt = await startBrowserTest(); });
  afterAll(() => bt.close());

  it('a young partner sends what young people said on a phone, and reads it under the question they score', async () => {
    const { t } = bt;
    const lead = await t.tokenFor('commissioner@demo.test');
    const said = (await t.http().post('/api/statements').set(bearer(lead)).send({ text: "I want to talk to someone who has been through what I've been through", groupCode: 'YP-FORUM', consent: true, themes: ['lived experience'] }).expect(201)).body.id;
    const { roundId, bidIds } = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }], {}, [{ email: 'yp1@demo.test', group: 'youngPartner' }, { email: 'clinician@demo.test', group: 'professional' }],
      (id, token) => t.http().put(`/api/rounds/${id}/questions/Q2/statements`).set(bearer(token)).send({ statementIds: [said] }).expect(200).then(() => undefined));

    const page = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(page, 'yp1@demo.test');
    await page.goto('/statements');
    expect(await page.locator('main').innerText()).not.toMatch(JARGON);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.getByLabel('What did they say?').fill('Youth clubs should stay open late on Fridays');
    await page.getByLabel('What is it about? (optional)').fill('safety, places');
    await page.getByLabel(/Yes\. They are happy/).check();
    await page.getByRole('button', { name: 'Send it' }).click();
    await page.getByText('Thank you! We have got it.').waitFor();
    expect(await page.locator('main').innerText()).toContain('Waiting to be checked');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'young-partner-statement');

    await page.goto(`/rounds/${roundId}/score/bids/${bidIds[0]}`);
    const voices = page.locator('.voices');
    await voices.first().waitFor();
    expect(await voices.innerText()).toMatch(/^This question came from what young people said:\s+\W?I want to talk to someone who has been through what I've been through/);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'young-partner-question-voices');
  });

  it('the commissioner reads the library and accepts on a desktop', async () => {
    const page = await (await newContext(bt)).newPage();
    await signIn(page, 'commissioner@demo.test');
    await page.goto('/statements');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accept into the library' }).first().click();
    await page.getByText('Accepted: the statement is in the library.').waitFor();
    await screenshot(page, 'statements-library');
  });
});
