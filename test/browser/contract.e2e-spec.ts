import { jest } from '@jest/globals';
import { award, feedbackRound, LISTENED_TO, lotsFeedbackRound } from '../support/contract.js';
import { bearer } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, mainText, newContext, PHONE, readmeScreenshot, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

/** Words a young partner should not meet on their own pages. */
const JARGON = /\b(bids?|panels?|rounds?|procurement|tender\w*|KPIs?)\b/i;

describe('the contract page and "you said, we did" in the browser', () => {
  let bt: BrowserTest;
  let roundId: string;
  beforeAll(async () => {
    bt = await startBrowserTest();
    const { t } = bt;
    const round = await feedbackRound(t);
    roundId = round.roundId;
    const kpis = (await t.http().post(`/api/rounds/${roundId}/kpis`).set(bearer(round.lead)).send({ ...LISTENED_TO, statementIds: [round.statements.lived] }).expect(201)).body.kpis;
    await award(t, roundId, round.lead);
    for (const [start, value] of [['2027-01-01', '70'], ['2027-04-01', '82.5']]) {
      await t.http().post(`/api/rounds/${roundId}/kpis/${kpis[0].id}/periods`).set(bearer(round.lead))
        .send({ periodStart: start, value, commentary: 'Exit survey answers from everyone who finished support', evidenceReference: `Contract report ${start}` }).expect(201);
    }
    const periods = (await t.http().get(`/api/rounds/${roundId}/contract`).set(bearer(round.lead)).expect(200)).body.kpis[0].periods;
    await t.http().put(`/api/rounds/${roundId}/kpi-periods/${periods[0].id}/review`).set(bearer(round.tokens['yp2@demo.test'])).send({ rating: 'notYet', comment: 'Too many still say nobody listened' }).expect(200);
  }, 180_000);
  afterAll(() => bt.close());

  it('a young partner reads "you said, we did" on a phone, in plain words', async () => {
    const page = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(page, 'yp1@demo.test');
    await page.getByRole('link', { name: /You said, we did/ }).first().click();
    await page.getByRole('heading', { name: 'You said, we did' }).waitFor();
    const text = await mainText(page);
    expect(text).toContain('I want to talk to someone who has been through what I have been through');
    expect(text).toContain('Beta Trust would have come first, not Alpha CIC');
    expect(text.replace(/\s+/g, ' ')).toContain('37.50 (44.8%)');
    expect(await page.locator('main').innerText()).not.toMatch(JARGON);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'you-said-we-did');
    await readmeScreenshot(page, 'you-said-we-did');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download this page/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^you-said-we-did-.*\.pdf$/);
  });

  it('a young partner sees each result against the aim as a chart, with the views beside it, and gives theirs', async () => {
    const page = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(page, 'yp1@demo.test');
    await page.goto(`/rounds/${roundId}/contract`);
    await page.locator('canvas[data-rendered="yes"]').waitFor();
    const text = await mainText(page);
    expect(text).toContain('April 2027 to June 2027');
    expect(text).toContain('Too many still say nobody listened');
    expect(await page.locator('main').innerText()).not.toMatch(JARGON);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    const latest = page.locator('.period').first();
    await latest.getByLabel('Partly').check();
    await latest.getByLabel(/Why\?/).fill('Most feel listened to now, but not everyone');
    await latest.getByRole('button', { name: 'Send my view' }).click();
    await page.getByText('Thank you! Your view is saved.').waitFor();
    expect(await page.locator('.period').first().innerText()).toContain('Most feel listened to now, but not everyone');
    await expectAccessible(page);
    await screenshot(page, 'contract-young-partner');
  });

  it('the lead sees the chart with the reviews beside it on a desktop, and records a period', async () => {
    const page = await (await newContext(bt)).newPage();
    await signIn(page, 'commissioner@demo.test');
    await page.goto(`/rounds/${roundId}/contract`);
    await page.locator('canvas[data-rendered="yes"]').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'contract');
    await readmeScreenshot(page, 'contract', 900);
    await page.getByText('Record results for a period').click();
    await page.getByLabel(/Period starts/).fill('2027-07');
    await page.getByLabel(/^Result/).fill('85');
    await page.getByLabel('What the provider said').fill('Summer groups helped');
    await page.getByLabel(/^Evidence/).fill('Contract report 2027-07');
    await page.getByRole('button', { name: 'Save the results' }).click();
    await page.getByText('The results for that period are saved.').waitFor();
    expect(await mainText(page)).toContain('July 2027 to September 2027');
    await expectAccessible(page);
  });

  it('with lots: a young partner reads each area with who runs it and its own chart, and the lead records a result for an awarded lot', async () => {
    const { t } = bt;
    const lots = await lotsFeedbackRound(t);
    await lots.decideL1();
    await lots.decideTheRest();
    const kpiId = (await t.http().post(`/api/rounds/${lots.roundId}/kpis`).set(bearer(lots.lead)).send({ ...LISTENED_TO, statementIds: [] }).expect(201)).body.kpis[0].id;
    await award(t, lots.roundId, lots.lead);
    for (const [lotKey, start, value] of [['L1', '2027-01-01', '70'], ['L1', '2027-04-01', '82.5'], ['L2', '2027-01-01', '85']]) {
      await t.http().post(`/api/rounds/${lots.roundId}/kpis/${kpiId}/periods`).set(bearer(lots.lead))
        .send({ lotKey, periodStart: start, value, commentary: 'Exit survey answers from everyone who finished support', evidenceReference: `Contract report ${start}` }).expect(201);
    }

    const phone = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(phone, 'yp1@demo.test');
    await phone.goto(`/rounds/${lots.roundId}/contract`);
    await phone.locator('canvas[data-rendered="yes"]').nth(1).waitFor();
    const text = await mainText(phone);
    expect(text).toMatch(/North: run by Birch Youth Trust\s+South: run by Alder Mentoring CIC/);
    expect(await phone.locator('main').innerText()).not.toMatch(JARGON);
    expect(await phone.locator('main').innerText()).not.toMatch(/\blots?\b/i);
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone);
    await screenshot(phone, 'contract-lots-young-partner');

    await phone.goto(`/rounds/${lots.roundId}/you-said-we-did`);
    const said = await mainText(phone);
    expect(said).toMatch(/North\s+Without your questions and your marks, Alder Mentoring CIC would have come first, not Birch Youth Trust/);
    expect(said).toMatch(/East\s+No organisation got this part of the work/);
    expect(await phone.locator('main').innerText()).not.toMatch(JARGON);
    expect(await phone.locator('main').innerText()).not.toMatch(/\blots?\b/i);
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone);
    await screenshot(phone, 'you-said-we-did-lots');

    const page = await (await newContext(bt)).newPage();
    await signIn(page, 'commissioner@demo.test');
    await page.goto(`/rounds/${lots.roundId}/contract`);
    await page.locator('canvas[data-rendered="yes"]').nth(1).waitFor();
    await expectAccessible(page);
    await page.getByText('Record results for a period').click();
    await page.getByLabel(/^Lot/).selectOption('L2');
    await page.getByLabel(/Period starts/).fill('2027-04');
    await page.getByLabel(/^Result/).fill('88');
    await page.getByLabel('What the provider said').fill('Summer groups helped');
    await page.getByLabel(/^Evidence/).fill('Contract report 2027-04');
    await page.getByRole('button', { name: 'Save the results' }).click();
    await page.getByText('The results for that period are saved.').waitFor();
    await page.locator('canvas[data-rendered="yes"]').nth(1).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'contract-lots');
    const periods = (await t.http().get(`/api/rounds/${lots.roundId}/contract`).set(bearer(lots.lead)).expect(200)).body.kpis[0].periods;
    expect(periods.map((p: { lotKey: string; periodStart: string }) => `${p.lotKey} ${p.periodStart}`)).toEqual(['L1 2027-01-01', 'L1 2027-04-01', 'L2 2027-01-01', 'L2 2027-04-01']);
  });
});
