import { jest } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, newContext, PHONE, screenshot, signIn, startBrowserTest } from './browser.js';
import { fixtureDefinition, roundWithBids } from './rounds.js';

jest.setTimeout(HANG_GUARD_MS);

/** Words a young partner should not meet where plain ones exist (issue 13). */
const PROCUREMENT_WORDS = /\b(bids?|panel|rounds?|audit trail)\b/i;

const ALDER = {
  supplierName: 'Alder Street Youth Project',
  price: '400000.00',
  responses: {
    Q1: 'Every young person chooses their mentor after meeting two. Our KPIs include how many stay in touch for six months, and all staff are trained in safeguarding.',
    Q2: 'Mentors keep turning up when things go wrong. We never close a match because someone missed a session.',
    SV1: 'Half of our mentors live locally and get paid training.',
  },
};
const BIRCH = { supplierName: 'Birch Lane Mentors', price: '390000.00' };

/** The status line of one question's form, as a screen reader hears it (an aria-live region). */
function statusOf(question: Locator): Locator {
  return question.locator('[data-status]');
}

describe('rough edges a young partner met on a phone', () => {
  let bt: BrowserTest;
  let page: Page;
  let round: Awaited<ReturnType<typeof roundWithBids>>;
  beforeAll(async () => {
    bt = await startBrowserTest();
    round = await roundWithBids(bt.t, fixtureDefinition(bt.t, 'youth-justice-mentoring.json'), [ALDER, BIRCH]);
    page = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(page, 'yp1@demo.test');
  });
  afterAll(() => bt.close());

  it('speaks plainly on every page and explains the words organisations use', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'What you are scoring' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(PROCUREMENT_WORDS);
    await expectAccessible(page);
    await page.goto(`/rounds/${round.roundId}/score`);
    expect(await page.locator('body').innerText()).not.toMatch(PROCUREMENT_WORDS);
    await expectAccessible(page);
    await page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`);
    expect(await page.locator('body').innerText()).not.toMatch(PROCUREMENT_WORDS);
    await page.goto(`/rounds/${round.roundId}/score/check`);
    expect(await page.locator('body').innerText()).not.toMatch(PROCUREMENT_WORDS);
    await expectAccessible(page);

    // The glossary holds the words in these answers (KPIs, safeguarding), and only those; a tap opens one.
    await page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`);
    const glossary = page.locator('section.glossary');
    await expect(glossary.locator('summary').allInnerTexts()).resolves.toEqual(['KPI', 'Safeguarding']);
    const meaning = glossary.getByText(/a number that shows whether a service is doing what it promised/);
    expect(await meaning.isVisible()).toBe(false);
    await glossary.getByText('KPI', { exact: true }).click();
    await meaning.waitFor();
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'edges-glossary');
    // Every organisation's page leads to "Check and send", not only the last one's.
    expect(await page.getByRole('link', { name: /Check and send your scores/ }).count()).toBe(1);
  });

  it('chooses a mark with Tab and Space alone, and announces the save', async () => {
    await page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`);
    const q1 = page.locator(`#q-${round.criterion('Q1')}`);
    await expect(q1.locator('.keyboard-hint').innerText()).resolves.toContain('Tab to the marks, then Space to choose one');
    // From the glossary's last word, Tab reaches the first mark of the first question.
    await page.locator('section.glossary summary').last().focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).resolves.toBe(`q-${round.criterion('Q1')}-m0`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(q1.getByRole('radio', { name: /^3 / }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('You choose your mentor after meeting two of them.');
    await page.keyboard.press('Tab'); // to "Save this answer"
    await page.keyboard.press('Enter');
    await page.waitForURL(/saved=/);
    const status = statusOf(page.locator(`#q-${round.criterion('Q1')}`));
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    // The page blanks the line and says it again a moment after loading, so a screen reader announces it.
    await status.filter({ hasText: /^Saved ✓$/ }).waitFor();
    await expect(status.innerText()).resolves.toBe('Saved ✓');
    expect(await status.isVisible()).toBe(true);
  });

  it('after a failed save, focuses the problem, then clears it once fixed; "still to score" follows autosave', async () => {
    await page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`);
    const left = page.locator('[data-left]');
    await expect(left.innerText()).resolves.toBe(`2 still to score for ${ALDER.supplierName}.`);
    let q2 = page.locator(`#q-${round.criterion('Q2')}`);
    await q2.getByRole('radio', { name: /^3 / }).check();
    await q2.getByLabel('Why this mark?').fill('ok');
    await q2.getByRole('button', { name: 'Save this answer' }).click();
    q2 = page.locator(`#q-${round.criterion('Q2')}`);
    const problem = q2.locator('.problem');
    await problem.waitFor();
    // Focused and on screen.
    await page.waitForLoadState('load'); // the page's script has run, and focuses just after the load
    await problem.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const focused = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className);
    expect(focused).toMatch(/\bproblem\b/);
    await expect(problem.isVisible()).resolves.toBe(true);
    expect(await problem.boundingBox()).not.toBeNull();
    await screenshot(page, 'edges-failed-save');
    await expectAccessible(page);

    await q2.getByLabel('Why this mark?').fill('They keep turning up when things go wrong for you.');
    await statusOf(q2).getByText(/Saved as a draft at/).waitFor();
    expect(await q2.locator('.problem, .field-error').count()).toBe(0);
    await expect(left.innerText()).resolves.toBe(`1 still to score for ${ALDER.supplierName}.`);
  });

  it('keeps the words of a young partner whose sign-in ends while writing, and says "You were signed out"', async () => {
    await page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`);
    const sv1 = () => page.locator(`#q-${round.criterion('SV1')}`);
    await sv1().getByRole('radio', { name: /^2 / }).check();
    // The sign-in ends while they write: the idle limit is shortened to 30 minutes (setting the round up
    // moved the clock by weeks, so it could not be short from the start) and the clock moves past it.
    bt.t.config.sessionIdleSeconds = 30 * 60;
    bt.t.clock.advance(31 * 60 * 1000);
    const words = 'Local mentors with paid training, which is good for the area.';
    await sv1().getByLabel('Why this mark?').fill(words);
    await statusOf(sv1()).getByText('You were signed out. Your words are kept on this device.').waitFor();
    expect(await statusOf(sv1()).innerText()).not.toMatch(/did not come from this site/);
    await screenshot(page, 'edges-signed-out');

    // Pressing "Save this answer" anyway goes to the sign-in page, which says why, and comes back afterwards.
    await sv1().getByRole('button', { name: 'Save this answer' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.locator('main').innerText()).toContain('You were signed out');
    expect(await page.locator('main').innerText()).not.toMatch(/did not come from this site/);
    await page.getByLabel('Email address').fill('yp1@demo.test');
    await page.getByLabel('Password').fill((await import('../support/test-app.js')).DEMO.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/rounds/${round.roundId}/score/bids/${round.bidIds[0]}`);
    // The words come back and are saved.
    await expect(sv1().getByLabel('Why this mark?').inputValue()).resolves.toBe(words);
    await expect(sv1().getByRole('radio', { name: /^2 / }).isChecked()).resolves.toBe(true);
    await statusOf(sv1()).getByText(/Saved as a draft at/).waitFor();
    const lead = await bt.t.tokenFor('yp1@demo.test');
    const mine = (await bt.t.http().get(`/api/rounds/${round.roundId}/my-scoring`).set({ Authorization: `Bearer ${lead}` }).expect(200)).body;
    const saved = mine.bids[0].questions.find((q: { key: string }) => q.key === 'SV1').score;
    expect(saved).toMatchObject({ mark: 2, justification: words });
  });

  it('a form posted from a page whose sign-in has ended says "You were signed out", not "did not come from this site"', async () => {
    await page.goto(`/rounds/${round.roundId}/score/bids/${round.bidIds[1]}`);
    bt.t.clock.advance(31 * 60 * 1000);
    await page.context().clearCookies({ name: 'session' }); // as a browser does when the sign-in ends elsewhere
    const q1 = page.locator(`#q-${round.criterion('Q1')}`);
    await q1.getByRole('radio', { name: /^1 / }).check();
    await q1.getByLabel('Why this mark?').fill('They did not say how young people choose a mentor.');
    await q1.getByRole('button', { name: 'Save this answer' }).click();
    await page.getByRole('heading', { name: 'You were signed out' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/did not come from this site/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByLabel('Email address').fill('yp1@demo.test');
    await page.getByLabel('Password').fill((await import('../support/test-app.js')).DEMO.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/rounds/${round.roundId}/score/bids/${round.bidIds[1]}`);
    await expect(page.locator(`#q-${round.criterion('Q1')}`).getByLabel('Why this mark?').inputValue()).resolves.toBe('They did not say how young people choose a mentor.');
  });
});
