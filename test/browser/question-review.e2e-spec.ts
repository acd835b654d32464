import { jest } from '@jest/globals';
import { bearer, decidedRound, roundDefinition, userId } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, HANG_GUARD_MS, mainText, newContext, PHONE, readmeScreenshot, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

/** Words a young partner should not meet on their own pages. */
const JARGON = /\b(bids?|panels?|rounds?|procurement|tender\w*|review gate)\b/i;

describe('young partners check the questions, and keep a record of what they did (browser)', () => {
  let bt: BrowserTest;
  beforeAll(async () => { bt = await startBrowserTest(); });
  afterAll(() => bt.close());

  it('a young partner checks the questions on a phone; the lead uses their words; publishing waited for them', async () => {
    const { t } = bt;
    const lead = await t.tokenFor('commissioner@demo.test');
    const roundId: string = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id;
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, 'yp1@demo.test'), group: 'youngPartner' }).expect(201);
    await t.http().post(`/api/rounds/${roundId}/panel`).set(bearer(lead)).send({ userId: await userId(t, 'clinician@demo.test'), group: 'professional' }).expect(201);
    await t.http().post(`/api/rounds/${roundId}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Panel and officers assessed; no interests found in the market.' }).expect(200);
    await t.http().put(`/api/rounds/${roundId}/question-review/setting`).set(bearer(lead)).send({ required: true }).expect(200);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(409);

    const phone = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(phone, 'yp1@demo.test');
    await phone.goto('/');
    await phone.getByRole('link', { name: /Check the questions/ }).first().click();
    await phone.getByRole('heading', { name: 'Check the questions before they go out' }).waitFor();
    expect(await phone.locator('main').innerText()).not.toMatch(JARGON);
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone);
    await readmeScreenshot(phone, 'young-partner-check-questions');

    const q1 = phone.locator('#q-Q1');
    await q1.getByLabel("Yes, it's clear").check();
    await q1.getByRole('button', { name: 'Save' }).click();
    await phone.getByText('Thanks! We have saved what you said.').waitFor();
    const q2 = phone.locator('#q-Q2');
    await q2.getByLabel("I'd say it differently").check();
    // Forgetting the words gets a gentle, specific message, not an error page.
    await q2.getByRole('button', { name: 'Save' }).click();
    await phone.getByText('Write the words you would use').waitFor();
    await expectAccessible(phone);
    await phone.locator('#q-Q2').getByLabel('How would you say it?').fill('Will you feel safe there, and will staff really listen to you?');
    await phone.locator('#q-Q2').getByLabel('Anything else? (optional)').fill('"Listened to" by who?');
    await phone.locator('#q-Q2').getByRole('button', { name: 'Save' }).click();
    await phone.getByText('You have checked 2 of 2 questions.').waitFor();
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone);
    await screenshot(phone, 'young-partner-check-questions');

    const desk = await (await newContext(bt)).newPage();
    await signIn(desk, 'commissioner@demo.test');
    await desk.goto(`/rounds/${roundId}/check-questions`);
    await expectAccessible(desk);
    expect(await mainText(desk)).toContain('Jordan (YP1)');
    await desk.getByRole('button', { name: 'Use these words' }).click();
    await desk.getByText('The new words are in').waitFor();
    expect(await mainText(desk)).toContain('In plain words now: Will you feel safe there, and will staff really listen to you?');
    await expectAccessible(desk);
    await screenshot(desk, 'lead-question-check');
    await readmeScreenshot(desk, 'lead-question-check');
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(200);

    await phone.goto(`/rounds/${roundId}/check-questions`);
    expect(await mainText(phone)).toContain('We used your words');
  });

  it('a young partner reads and downloads their record of involvement on a phone', async () => {
    const { t } = bt;
    const yp1 = await t.tokenFor('yp1@demo.test');
    await decidedRound(t, {
      bids: [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '120' }],
      mark: () => 3,
      whileDraft: async (roundId) => {
        for (const key of ['Q1', 'Q2']) await t.http().put(`/api/rounds/${roundId}/questions/${key}/check`).set(bearer(yp1)).send({ verdict: 'clear' }).expect(200);
      },
    });
    const phone = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(phone, 'yp1@demo.test');
    await phone.goto('/');
    await phone.getByRole('link', { name: /What you have done/ }).click();
    await phone.getByRole('heading', { name: 'What you have done' }).waitFor();
    const text = await phone.locator('main').innerText();
    expect(text).not.toMatch(JARGON);
    expect(text).toContain("Read and scored 2 organisations' applications against 2 questions");
    expect(text).toContain('Working in a team to reach agreement');
    await expectNoSidewaysScroll(phone);
    await expectAccessible(phone);
    await screenshot(phone, 'young-partner-record');
    await readmeScreenshot(phone, 'young-partner-record');
    const pdf = await phone.request.get(await phone.getByRole('link', { name: 'Download it as a PDF' }).getAttribute('href') as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // Another young partner cannot open it.
    const other = await (await newContext(bt, { viewport: PHONE })).newPage();
    await signIn(other, 'yp2@demo.test');
    const refused = await other.goto(phone.url());
    expect(refused?.status()).toBe(404);
  });
});
