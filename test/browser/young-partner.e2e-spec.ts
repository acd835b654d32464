import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, newContext, PHONE, readmeScreenshot, screenshot, signIn, signInWithTheForm, startBrowserTest } from './browser.js';
import { fixtureDefinition, roundWithBids } from './rounds.js';

jest.setTimeout(HANG_GUARD_MS);

/** Words a young partner should not meet: say "the organisations that applied", not procurement terms. */
const JARGON = /\b(tender\w*|compliance|compliant|moderation|moderate|consensus)\b/i;

const KEYSTONE = {
  supplierName: 'Keystone Mentoring Collective CIC',
  price: '512640.00',
  responses: {
    Q1: 'Every young person meets two possible mentors before choosing one. We ask what they are into (music, football, gaming, cooking) and who they would feel comfortable with. Mentors meet them every week, somewhere they choose. For the last month we plan the ending together, and link them to a club or activity so the support does not just stop.',
    Q2: 'Our mentors are not police or social workers, and we say so on day one. We explain what we keep private and the few things we must share, and we always tell the young person first. If something goes wrong, such as a new arrest, the mentor keeps turning up. We do not close a match because a young person missed sessions.',
    SV1: 'A third of our mentors grew up locally and have been through the youth justice system themselves. They get six weeks of paid training, a real wage, and supervision every fortnight.',
  },
};
const HALDEN = {
  supplierName: 'Halden Youth Mentoring Trust',
  price: '498300.00',
  responses: {
    Q1: 'Young people are matched with a mentor by our staff based on availability. Sessions take place at our office once a fortnight for six months.',
    Q2: 'Mentors are trained in building relationships. Young people who miss three sessions are referred back to their youth justice worker.',
    SV1: 'We use volunteers from a national network. Training is online.',
  },
};

describe('a young partner scores on a phone', () => {
  let bt: BrowserTest;
  let page: Page;
  let round: Awaited<ReturnType<typeof roundWithBids>>;
  beforeAll(async () => {
    bt = await startBrowserTest();
    round = await roundWithBids(bt.t, fixtureDefinition(bt.t, 'youth-justice-mentoring.json'), [KEYSTONE, HALDEN], { undeclared: ['yp1@demo.test', 'yp2@demo.test'] });
    page = await (await newContext(bt, { viewport: PHONE })).newPage();
  });
  afterAll(() => bt.close());

  /** Every young partner page: plain words, and nothing wider than the phone. */
  async function plainWordsOnly() {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(JARGON);
    await expectNoSidewaysScroll(page);
  }

  it('declares that they know none of the organisations, then scores both, with autosave that survives a reload', async () => {
    await signInWithTheForm(page, 'yp1@demo.test');
    await page.getByRole('heading', { name: 'What you are scoring' }).waitFor();
    await screenshot(page, 'yp-1-home');
    await expectAccessible(page);
    await plainWordsOnly();

    await page.getByRole('link', { name: /Open/ }).click();
    await page.getByRole('heading', { name: 'Before you start: do you know any of these organisations?' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(KEYSTONE.supplierName);
    await screenshot(page, 'yp-2-do-you-know-them');
    await expectAccessible(page);
    await plainWordsOnly();
    await page.getByRole('button', { name: "I don't know any of them" }).click();
    await page.getByText('Scoring opens once').waitFor();
    await plainWordsOnly();

    // Aisha (YP2) knows one of them: she says how, and is not given their answers.
    const aisha = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(aisha, 'yp2@demo.test');
    await aisha.goto(`/rounds/${round.roundId}/score`);
    await aisha.getByLabel('How do you know them?').fill('My cousin is a mentor there');
    await aisha.getByRole('button', { name: 'Tell us' }).click();
    await aisha.getByText('Choose the organisation you know.').first().waitFor();
    await aisha.getByLabel('Which organisation?').selectOption({ label: HALDEN.supplierName });
    await aisha.getByRole('button', { name: 'Tell us' }).click();
    await aisha.getByText(`${HALDEN.supplierName} (My cousin is a mentor there). You will not see their answers.`).waitFor();
    await expectAccessible(aisha);
    await aisha.getByRole('button', { name: "That's everyone: I don't know any of the others" }).click();
    await aisha.getByText('Scoring opens once').waitFor();

    // Everyone has declared: the lead opens scoring (through the API; that page has its own test).
    await bt.t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(round.lead)).send({ type: 'COMPLETE_COMPLIANCE' }).expect(200);
    await page.reload();
    await page.getByText('0 of 6').first().waitFor();
    await aisha.reload();
    await aisha.getByText('0 of 3').first().waitFor();
    expect(await aisha.locator('main').innerText()).not.toContain(HALDEN.supplierName);
    expect((await aisha.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[1]}`))!.status()).toBe(404);
    await aisha.context().close();
    await screenshot(page, 'yp-3-organisations');
    await expectAccessible(page);
    await plainWordsOnly();

    // The first organisation: the plain-language question, their answer, big choices.
    await page.getByRole('link', { name: `Start: ${KEYSTONE.supplierName}` }).click();
    await page.getByRole('heading', { level: 1, name: KEYSTONE.supplierName }).waitFor();
    const q1 = page.locator(`#q-${round.criterion('Q1')}`);
    await expect(q1.getByRole('heading').innerText()).resolves.toMatch(/^How will they find the right mentor/);
    await expect(q1.innerText()).resolves.toContain(KEYSTONE.responses.Q1);
    await expectAccessible(page);
    await plainWordsOnly();

    // Autosave: a mark and a reason are saved as a draft without pressing anything, and survive a reload.
    await q1.getByRole('radio', { name: /^4 Excellent/ }).check();
    await q1.getByLabel('Why this mark?').fill('They let you meet two mentors and choose, and they plan the ending with you.');
    await q1.getByText(/Saved as a draft at/).waitFor();
    await screenshot(page, 'yp-4-question-saved');
    if (process.env.README_SCREENSHOTS) {
      await page.setViewportSize({ width: PHONE.width, height: 1250 });
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await readmeScreenshot(page, 'young-partner-question', 1250);
      await q1.locator('legend').evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
      await readmeScreenshot(page, 'young-partner-marks', 1250);
      await page.setViewportSize(PHONE);
    }
    await page.reload();
    await expect(q1.getByRole('radio', { name: /^4 Excellent/ }).isChecked()).resolves.toBe(true);
    await expect(q1.getByLabel('Why this mark?').inputValue()).resolves.toBe('They let you meet two mentors and choose, and they plan the ending with you.');
    await page.getByText('1 of 6').first().waitFor();

    // The gentle minimum: too few words are not saved, and the page says so kindly.
    const q2 = page.locator(`#q-${round.criterion('Q2')}`);
    await q2.getByRole('radio', { name: /^3 Good/ }).check();
    await q2.getByLabel('Why this mark?').fill('good');
    await q2.getByText('Keep going: a few more words and we will save it.').waitFor();
    await q2.getByRole('button', { name: 'Save this answer' }).click();
    await page.locator(`#q-${round.criterion('Q2')} .field-error`).getByText(/Could you say a little more\?/).waitFor();
    expect(page.url()).toContain(`/score/bids/${round.bidIds[0]}`);
    await screenshot(page, 'yp-5-gentle-minimum');
    await expectAccessible(page);
    await page.locator(`#q-${round.criterion('Q2')}`).getByLabel('Why this mark?').fill('They keep turning up even when things go wrong, and they are honest about what they share.');
    await page.locator(`#q-${round.criterion('Q2')}`).getByRole('button', { name: 'Save this answer' }).click();
    await page.locator(`#q-${round.criterion('Q2')}`).getByText('Saved ✓').waitFor();

    const sv1 = page.locator(`#q-${round.criterion('SV1')}`);
    await sv1.getByRole('radio', { name: /^4 Excellent/ }).check();
    await sv1.getByLabel('Why this mark?').fill('Local mentors who have been through it, with proper pay and training.');
    await sv1.getByRole('button', { name: 'Save this answer' }).click();
    await page.getByText(`All answers for ${KEYSTONE.supplierName} are scored.`).waitFor();
    await page.getByText('3 of 6').first().waitFor();
  });

  it('scores the second organisation with the forms alone when JavaScript is off', async () => {
    const noScript = await newContext(bt, { viewport: PHONE, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await signIn(plain, 'yp1@demo.test');
    await plain.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[1]}`);
    const marks = { Q1: 1, Q2: 1, SV1: 2 } as const;
    for (const [key, mark] of Object.entries(marks)) {
      const question = plain.locator(`#q-${round.criterion(key)}`);
      await question.getByRole('radio', { name: new RegExp(`^${mark} `) }).check();
      await question.getByLabel('Why this mark?').fill(`${HALDEN.supplierName} did not show how young people get a say in ${key === 'SV1' ? 'who mentors them' : 'their support'}.`);
      await question.getByRole('button', { name: 'Save this answer' }).click();
      await plain.locator(`#q-${round.criterion(key)}`).getByText('Saved ✓').waitFor();
    }
    await plain.getByText(`All answers for ${HALDEN.supplierName} are scored.`).waitFor();
    await noScript.close();
  });

  it('checks what will be sent, sends it, and cannot change the marks afterwards', async () => {
    await page.goto(`/rounds/${round.roundId}/score`);
    await page.getByText('6 of 6').first().waitFor();
    await page.getByRole('link', { name: 'Check and send your scores' }).click();
    await page.getByRole('heading', { name: 'Check and send your scores' }).waitFor();
    const summary = await page.locator('main').innerText();
    expect(summary).toContain('You are about to send 6 marks for 2 organisations.');
    expect(summary).toContain('Local mentors who have been through it, with proper pay and training.');
    await screenshot(page, 'yp-6-check-and-send');
    await expectAccessible(page);
    await plainWordsOnly();

    await page.getByRole('button', { name: 'Send my scores' }).click();
    await page.getByText('Thank you! Your scores have been sent').waitFor();
    await screenshot(page, 'yp-7-sent');
    await expectAccessible(page);
    await plainWordsOnly();

    // Read-only now: no choices, no text boxes, no save buttons.
    await page.getByRole('link', { name: `See your marks for ${KEYSTONE.supplierName}` }).click();
    await page.getByText('They can no longer be changed').waitFor();
    expect(await page.locator('input[type="radio"], textarea, form.score-form').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('Your mark: 4 – Excellent');
    await expectAccessible(page);
    await plainWordsOnly();

    // Posting the old form anyway (with a valid token) is refused: test/pages.e2e-spec.ts, over HTTP.
  });
});
