import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { pdfText } from '../support/pdf-text.js';
import { bearer, roundDefinition } from '../support/rounds.js';
import { type BrowserTest, DESKTOP, expectAccessible, expectNoSidewaysScroll, follow, HANG_GUARD_MS, newContext, PHONE, readmeScreenshot, screenshot, signIn, startBrowserTest } from './browser.js';
import { agreeTheRest, everyoneScores, fixtureDefinition, roundWithBids } from './rounds.js';

jest.setTimeout(HANG_GUARD_MS);

const CROSSWAYS = { supplierName: 'Crossways Youth Link CIC', price: '1712260.00' };
const TIDEWATER = { supplierName: 'Tidewater Wellbeing CIC', price: '1654800.00' };
const ASHGROVE = { supplierName: 'Ashgrove Community Partnerships Ltd', price: '1584900.00', excluded: 'PF1: no safeguarding policy was attached' };

const currentStep = (page: Page) => page.locator('svg.wf-diagram g[aria-current="step"]').getAttribute('data-state');

describe('the commissioner runs a round in the browser', () => {
  let bt: BrowserTest;
  let page: Page;
  beforeAll(async () => {
    bt = await startBrowserTest();
    page = await (await newContext(bt, { viewport: DESKTOP })).newPage();
    await signIn(page, 'commissioner@demo.test');
  });
  afterAll(() => bt.close());

  it('closes scoring, agrees the widest disagreement, sees the results chart and issues the award notice', async () => {
    const round = await roundWithBids(bt.t, fixtureDefinition(bt.t, 'social-prescribing-pathway.json'), [CROSSWAYS, TIDEWATER, ASHGROVE]);
    const [crossways, tidewater] = round.bidIds;
    // Crossways scores 3s and Tidewater 2s, except two disagreements: Q4 for Crossways (4, 1, 2) is the widest.
    await everyoneScores(bt.t, round.roundId, round.tokens, ({ bidId, key, group, index }) => {
      if (bidId === crossways && key === 'Q4' && group === 'professional') return [4, 1, 2][index];
      if (bidId === tidewater && key === 'Q1' && group === 'youngPartner') return [1, 3, 2][index];
      return (bidId === crossways ? 3 : 2) - (index === 2 && key.startsWith('SV') ? 1 : 0);
    });

    await page.goto('/');
    await page.getByRole('link', { name: 'Social Prescribing' }).first().click();
    await page.getByRole('heading', { name: 'What can happen now' }).waitFor();
    expect(await currentStep(page)).toBe('scoring');
    const overview = await page.locator('main').innerText();
    expect(overview).toContain('Young partners: 3 of 3 sent');
    expect(overview).toContain('Professionals: 3 of 3 sent');
    expect(overview).toContain('Tender deadline');
    await screenshot(page, 'commissioner-1-round-in-scoring');
    await readmeScreenshot(page, 'commissioner-round');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Close scoring and start moderation' }).click();
    await page.getByText('Done: the round has moved on.').waitFor();
    expect(await currentStep(page)).toBe('moderation');

    // Before moderation ends the results say they are provisional.
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByText('Provisional results').waitFor();

    await page.getByRole('link', { name: 'Moderation' }).click();
    await page.getByRole('heading', { name: 'Disagreements first' }).waitFor();
    const first = page.locator('section[aria-labelledby="first"] li').first();
    await expect(first.innerText()).resolves.toMatch(/^Crossways Youth Link CIC, Q4 .*\(Professionals\): marks 4, 1, 2, 3 apart/);
    const heat = page.locator('table.heat');
    expect(await heat.locator('td.heat-wide').count()).toBe(1);
    await expect(heat.locator('td.heat-wide').innerText()).resolves.toBe('3 apart');
    await screenshot(page, 'commissioner-2-moderation');
    if (process.env.README_SCREENSHOTS) {
      await page.getByRole('heading', { name: 'Disagreements first' }).evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
      await readmeScreenshot(page, 'moderation');
    }
    await expectAccessible(page);

    const cell = page.locator(`#cell-${crossways}-${round.criterion('Q4')}-professional`);
    await expect(cell.locator('.marks').innerText()).resolves.toMatch(/P1\s+gave 4[\s\S]*P2\s+gave 1[\s\S]*P3\s+gave 2/);
    // The organisation's page shows the marks; the reasons and the form are on the cell's own page.
    await cell.getByRole('link', { name: 'Reasons, and record the agreed mark' }).click();
    await page.getByRole('heading', { level: 2, name: /^Crossways Youth Link CIC: Q4 / }).waitFor();
    expect(await cell.locator('.marks li').count()).toBe(3);
    await screenshot(page, 'commissioner-2b-moderation-cell');
    await expectAccessible(page);
    await cell.getByRole('radio', { name: /^2/ }).check();
    // The reason check runs as the lead writes: a repeated descriptor is flagged before it is recorded.
    await cell.getByLabel(/How the group agreed/).pressSequentially('Covers the basics.');
    // Typing sends a check per pause, and an earlier check's answer may arrive first: wait for the one that flags it.
    await cell.getByTestId('reason-check-live').filter({ hasText: /Reason check:[\s\S]*words: say in at least 12/ }).waitFor();
    await cell.getByLabel(/How the group agreed/).fill('P2 had missed the exploitation protocol in section 4; the group agreed 2 as the plan is sound but thin on contextual safeguarding.');
    await cell.getByRole('button', { name: /Record the agreed mark/ }).click();
    await page.getByText('The agreed mark has been recorded.').waitFor();
    await expect(page.locator(`#cell-${crossways}-${round.criterion('Q4')}-professional .given`).innerText()).resolves.toContain('Agreed mark: 2');

    // The rest of moderation goes through the API; the page is tested above.
    await agreeTheRest(bt.t, round.roundId, round.lead);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Close moderation and go to the award decision' }).click();
    await page.getByText('Done: the round has moved on.').waitFor();
    expect(await currentStep(page)).toBe('awardDecision');

    await page.getByRole('link', { name: 'Results' }).click();
    await page.locator('canvas#chart-groups[data-rendered="yes"]').waitFor();
    await page.locator('canvas#chart-sections[data-rendered="yes"]').waitFor();
    expect(await page.getByText('Provisional results').count()).toBe(0);
    const ranking = page.locator('section[aria-labelledby="rank-h"] tbody tr');
    await expect(ranking.nth(0).innerText()).resolves.toMatch(/^1\s+Crossways Youth Link CIC/);
    await expect(ranking.nth(2).innerText()).resolves.toContain('excluded');
    const api = (await bt.t.http().get(`/api/rounds/${round.roundId}/results`).set(bearer(round.lead)).expect(200)).body;
    await expect(ranking.nth(0).innerText()).resolves.toContain(api.bids[0].totalDisplay);
    await expect(ranking.nth(0).innerText()).resolves.toContain(api.bids[0].contributionsDisplay.youngPartner);
    await screenshot(page, 'commissioner-3-results');
    if (process.env.README_SCREENSHOTS) {
      await page.getByRole('heading', { name: 'Where each total comes from' }).evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
      await readmeScreenshot(page, 'results');
    }
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Record the preferred bidder' }).click();
    await page.getByText('The preferred bidder has been recorded.').waitFor();
    // No award notice until every assessed bidder has been sent its assessment summary.
    await expect(page.locator('section[aria-labelledby="award-h"]').innerText()).resolves.toContain('2 assessment summaries have not been marked sent: Crossways Youth Link CIC, Tidewater Wellbeing CIC');
    await follow(page.getByRole('link', { name: 'Check reasons and send the assessment summaries' }));

    // The reason check lists the weak consensus reasons: here the generic ones agreed through the API.
    const weak = page.getByTestId('weak-reason');
    const weakCount = await weak.count();
    expect(weakCount).toBeGreaterThan(0);
    await expect(weak.first().innerText()).resolves.toContain("It uses no words of the bid's answer beyond the question's own");
    await screenshot(page, 'commissioner-4-reasons-to-check');
    await expectAccessible(page);
    // Marking sent is refused while a reason of the bid is open.
    await page.getByRole('button', { name: 'Mark sent to Crossways Youth Link CIC' }).click();
    await page.getByText(/reasons? needs? improving, or a note on why/).waitFor();
    // One reason reworded to refer to the bid, one noted as standing; the rest noted through the API.
    const firstWeak = weak.first();
    await firstWeak.getByText('Reword it, or record why it stands').click();
    await firstWeak.getByLabel(/Reword the reason/).fill('The bid sets out named link workers for every referral and a weekly drop-in at the youth hub, which the group found specific and realistic.');
    await firstWeak.getByRole('button', { name: 'Save the reworded reason' }).click();
    await page.getByText('The reason is reworded: a new consensus version is recorded.').waitFor();
    expect(await weak.count()).toBeLessThanOrEqual(weakCount);
    const open = page.locator('[data-testid="weak-reason"].card--tint').first();
    await open.getByText('Reword it, or record why it stands').click();
    await open.getByLabel(/Or record why it stands/).fill('The group discussed the answer at length; the mark reflects the evidence heard at moderation.');
    await open.getByRole('button', { name: 'Record why it stands' }).click();
    await page.getByText('Recorded why the reason stands.').waitFor();
    const summaries = (await bt.t.http().get(`/api/rounds/${round.roundId}/assessment-summaries`).set(bearer(round.lead)).expect(200)).body;
    for (const w of summaries.weakReasons.filter((x: { note: string | null }) => !x.note)) {
      await bt.t.http().post(`/api/rounds/${round.roundId}/reason-notes`).set(bearer(round.lead)).send({ bidId: w.bidId, criterionId: w.criterionId, group: w.group, note: 'Browser test: the reason stands as the panel recorded it' }).expect(200);
    }

    // Read a summary, download every bidder's PDF and read it back, mark each sent.
    await page.reload();
    await page.getByRole('link', { name: 'Read' }).first().click();
    await page.getByRole('heading', { name: 'Assessment summary', exact: true }).waitFor();
    await expect(page.locator('article.summary-doc').innerText()).resolves.toContain('Crossways Youth Link CIC');
    await screenshot(page, 'commissioner-5-assessment-summary');
    await expectAccessible(page);
    await page.goBack();
    for (const supplier of [CROSSWAYS.supplierName, TIDEWATER.supplierName]) {
      const row = page.getByTestId('summary-row').filter({ hasText: supplier });
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Download PDF' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^SPP-.*-assessment-summary-.*\.pdf$|assessment-summary-[a-z0-9-]+\.pdf$/);
      const text = (await pdfText(await readFile((await download.path())!))).replace(/\s+/g, ' ');
      expect(text).toContain(`Bidder: ${supplier}`);
      const summary = (await bt.t.http().get(`/api/rounds/${round.roundId}/bids/${supplier === CROSSWAYS.supplierName ? crossways : tidewater}/assessment-summary`).set(bearer(round.lead)).expect(200)).body;
      expect(text).toContain(`Total: ${summary.total} out of 100`);
      expect(text).toContain(summary.criteria[0].reasons[0].replace(/\s+/g, ' '));
      await row.getByRole('button', { name: `Mark sent to ${supplier}` }).click();
      await page.getByText('Marked sent: the date and the hash of the PDF are recorded.').waitFor();
    }
    await expect(page.locator('section[aria-labelledby="sum-h"]').innerText()).resolves.toMatch(/Sent \d{4}-\d{2}-\d{2}/);
    await page.getByRole('button', { name: 'Issue the award notice' }).click();
    // A weighty step is asked about once more, saying what it will do.
    await page.getByRole('heading', { name: 'Issue the award notice?' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, issue the award notice' }).click();
    await page.getByText('Award notice issued').waitFor();
    const after = (await bt.t.http().get(`/api/rounds/${round.roundId}`).set(bearer(round.lead)).expect(200)).body;
    expect(after.state).toBe('standstill');
    const standstill = await page.locator('dl.facts').innerText();
    expect(standstill).toMatch(/Standstill ends\s+\d{1,2} \w{3} \d{4} \d{2}:\d{2}/);
    expect(standstill).toContain('UK working days (PA23 s.123)');
    await screenshot(page, 'commissioner-6-award-notice');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Evidence' }).click();
    await expect(page.getByTestId('evidence-summary').first().innerText()).resolves.toMatch(/\d{4}-\d{2}-\d{2}[\s\S]*[0-9a-f]{64}/);

    await page.getByRole('link', { name: 'Overview' }).click();
    expect(await currentStep(page)).toBe('standstill');
    await expect(page.locator('section[aria-labelledby="history"]').innerText()).resolves.toContain('Award decision → Standstill');

    // The same pages on a phone: nothing runs off the side, and they stay accessible.
    await page.setViewportSize(PHONE);
    for (const [tab, name] of [['Overview', 'round'], ['Moderation', 'moderation'], ['Results', 'results'], ['Summaries', 'summaries'], ['Evidence', 'evidence']]) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.waitForLoadState('load');
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
      await screenshot(page, `commissioner-phone-${name}`);
    }
    await page.setViewportSize(DESKTOP);
  });

  it('creates a round from a file or pasted text, sets up the panel, and registers and checks a bid', async () => {
    await page.goto('/rounds/new');
    await expectAccessible(page);
    await page.getByLabel(/Paste the definition/).fill('{ "title": ');
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.getByText(/The definition is not valid JSON/).waitFor();
    const unbalanced = roundDefinition();
    unbalanced.criteria[0].weight = 55;
    await page.getByLabel(/Paste the definition/).fill(JSON.stringify(unbalanced));
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.getByText('The round definition breaks the evaluation rules').waitFor();
    await expect(page.locator('.problem').innerText()).resolves.toMatch(/sum to 95/i);

    // Uploading one of the fixture files.
    await page.getByLabel(/Paste the definition/).fill('');
    await page.getByLabel(/Upload the definition file/).setInputFiles(join(import.meta.dirname, '..', '..', 'fixtures', 'rounds', 'youth-justice-mentoring.json'));
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.getByText('The round has been created as a draft.').waitFor();
    expect(await currentStep(page)).toBe('draft');
    await expect(page.locator('li.blocked').first().innerText()).resolves.toContain('No panel members have been added');
    await screenshot(page, 'commissioner-7-new-draft');
    await expectAccessible(page);

    // A pasted definition, taken from draft through tendering to compliance with the page's forms.
    const definition = roundDefinition({ timetable: { tenderDeadline: new Date(bt.t.clock.now().getTime() + 10 * 24 * 3600 * 1000).toISOString() } });
    await page.goto('/rounds/new');
    await page.getByLabel(/Paste the definition/).fill(JSON.stringify(definition));
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.getByText('The round has been created as a draft.').waitFor();
    const roundUrl = new URL(page.url()).pathname;

    await page.getByLabel(/Their email address/).fill('nobody@demo.test');
    await page.getByRole('button', { name: 'Add to the panel' }).click();
    await page.getByText('Nobody has an account with the email nobody@demo.test: invite them first').waitFor();
    await page.getByLabel(/Their email address/).fill('yp2@demo.test');
    await page.getByRole('radio', { name: 'Young partner' }).check();
    await page.getByRole('button', { name: 'Add to the panel' }).click();
    await page.getByText('Added to the panel.').waitFor();
    await page.getByLabel(/Their email address/).fill('clinician@demo.test');
    await page.getByRole('radio', { name: 'Professional' }).check();
    await page.getByRole('button', { name: 'Add to the panel' }).click();
    await page.getByText('Added to the panel.').waitFor();
    const panel = await page.locator('section[aria-labelledby="panel"] table').innerText();
    expect(panel).toMatch(/YP1\s+Aisha\s+Young partner/);
    expect(panel).toMatch(/P1\s+Dr Helen Okafor\s+Professional/);

    await page.getByLabel(/Who was assessed and what was found/).fill('Too short');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.getByText(/at least 20 characters/).waitFor();
    await page.getByLabel(/Who was assessed and what was found/).fill('Panel members and commissioning officers assessed; no interests in the market found.');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.getByText('The conflicts assessment has been recorded.').waitFor();

    await page.getByRole('button', { name: 'Publish the round' }).click();
    await page.getByText('Done: the round has moved on.').waitFor();
    expect(await currentStep(page)).toBe('tendering');

    await page.getByLabel('Supplier').fill('Riverside Youth Partnership');
    await page.getByLabel(/Total price in pounds/).fill('1450000.00');
    await page.getByLabel('Q1 Approach', { exact: true }).fill('Youth workers in every GP surgery, with same-week appointments.');
    await page.getByLabel('Q2 Feeling safe', { exact: true }).fill('A youth panel reviews every complaint within a week.');
    await page.getByLabel('SV1 Local jobs', { exact: true }).fill('Six apprenticeships a year for local young people.');
    await page.getByRole('button', { name: 'Register the bid' }).click();
    await page.getByText('The bid has been registered.').waitFor();
    await expect(page.locator('section[aria-labelledby="bids"] table').innerText()).resolves.toMatch(/Riverside Youth Partnership\s+£1,450,000\.00/);

    bt.t.clock.set(new Date(new Date(definition.timetable.tenderDeadline).getTime() + 60_000));
    await page.goto(roundUrl);
    await page.getByRole('button', { name: 'Close tendering and open the bids' }).click();
    await page.getByText('Done: the round has moved on.').waitFor();
    await page.getByRole('button', { name: 'Compliant: Riverside Youth Partnership' }).click();
    await page.getByRole('button', { name: 'Yes, Riverside Youth Partnership is compliant' }).click();
    await page.getByText('The compliance decision has been recorded.').waitFor();
    const blocked = await page.locator('li.blocked').filter({ hasText: 'Finish compliance checks and open scoring' }).innerText();
    expect(blocked).toContain('2 of 2 panel members have not declared conflicts: P1, YP1');
    await screenshot(page, 'commissioner-8-compliance');
    await expectAccessible(page);
  });
});
