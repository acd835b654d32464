// Issue 15's "done when": a commissioner sets up a round in three lots, imports its bids from a
// spreadsheet, keeps the clarification log and awards the lots separately, all in the pages. Only the
// panel's own work (declaring, scoring) and the moderation's agreed marks go through the API here: their
// pages are tested in young-partner.e2e-spec.ts and commissioner-journey.e2e-spec.ts. The round and the
// bids are the demo's own files, fixtures/rounds/three-ics-mentoring-pilot.json and
// fixtures/bid-import/three-ics-bids.csv, whose received-at times fix when this test's clock stands.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FIXTURES_DIR } from '../../src/seed/demo-fixtures.js';
import { bearer } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, HANG_GUARD_MS, newContext, readmeScreenshot, screenshot, signIn, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

const ROUND_FILE = join(FIXTURES_DIR, 'rounds', 'three-ics-mentoring-pilot.json');
const BIDS_FILE = join(FIXTURES_DIR, 'bid-import', 'three-ics-bids.csv');
const definition = JSON.parse(readFileSync(ROUND_FILE, 'utf8')) as { timetable: { tenderDeadline: string } };
const DEADLINE = new Date(definition.timetable.tenderDeadline);
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const PANEL = [['yp1@demo.test', 'Young partner'], ['yp2@demo.test', 'Young partner'], ['clinician@demo.test', 'Professional']] as const;
/** Every mark a bid gets, by supplier and lot: L1 Keystone first, L2 Northern Heights first; L3's only compliant bid is Halden's. */
const MARK: Record<string, number> = {
  'L1 Keystone Mentoring Collective CIC': 3, 'L1 Halden Youth Mentoring Trust': 2, 'L1 Riverside Youth Alliance': 2,
  'L2 Keystone Mentoring Collective CIC': 3, 'L2 Northern Heights Youth Partnership': 4, 'L3 Halden Youth Mentoring Trust': 2,
};
const EXCLUDED = 'Brookmere Community Services';

const moved = (page: Page) => page.getByText('Done: the round has moved on.').waitFor();

describe("the commissioner's three-lot round in the pages", () => {
  let bt: BrowserTest;
  let page: Page;
  beforeAll(async () => {
    // Three weeks before the file's tender deadline, before any of its bids arrived.
    bt = await startBrowserTest({ now: new Date(DEADLINE.getTime() - 25 * DAY) });
    page = await (await newContext(bt)).newPage();
    await signIn(page, 'commissioner@demo.test');
  });
  afterAll(() => bt.close());

  it('sets up three lots, keeps the clarification log, imports the bids from the file and awards each lot on its own', async () => {
    // 1. The round from its definition file, lots and all.
    await page.goto('/');
    await page.getByRole('link', { name: 'Start a new round' }).click();
    await page.getByLabel(/Upload the definition file/).setInputFiles(ROUND_FILE);
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.getByText('The round has been created as a draft.').waitFor();
    const roundPath = new URL(page.url()).pathname;
    const roundId = roundPath.split('/')[2];
    const lots = page.getByTestId('lots');
    await expect(lots.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^L1 North East London\s+Barking and Dagenham.*\s+£3,400,000(\.00)?$/),
      expect.stringMatching(/^L2 North Central London\s+Barnet.*\s+£3,100,000(\.00)?$/),
      expect.stringMatching(/^L3 North West London\s+Brent.*\s+£3,200,000(\.00)?$/),
    ]);
    await expectAccessible(page);

    // 2. The panel, the conflicts assessment, publication.
    for (const [email, group] of PANEL) {
      await page.getByLabel(/Their email address/).fill(email);
      await page.getByRole('radio', { name: group, exact: true }).check();
      await page.getByRole('button', { name: 'Add to the panel' }).click();
      await page.getByText('Added to the panel.').waitFor();
    }
    await page.getByLabel(/Who was assessed and what was found/).fill('Panel members and officers of the three ICSs assessed; no interests in the market found.');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.getByText('The conflicts assessment has been recorded.').waitFor();
    await page.getByRole('button', { name: 'Publish the round' }).click();
    await moved(page);

    // 3. The clarification log: a question answered and published, then corrected (superseded) with a
    //    change to the tender documents; a second one about a lot.
    bt.t.clock.set(new Date(DEADLINE.getTime() - 20 * DAY));
    await page.getByRole('link', { name: 'Clarifications', exact: true }).click();
    const record = async (question: string, answer: string, receivedAt: string) => {
      const form = page.locator('section[aria-labelledby="new-h"]');
      await form.getByLabel(/^Question, as received/).fill(question);
      await form.getByLabel('Received at').fill(receivedAt);
      await form.getByLabel(/^Asked by/).fill('Halden Youth Mentoring Trust');
      await form.getByLabel(/^Answer/).fill(answer);
      await form.getByRole('button', { name: 'Record the question' }).click();
      await page.getByText('The clarification has been recorded.').waitFor();
      await page.locator('[data-testid="clarification"][data-status="draft"]').getByRole('button', { name: 'Record as published to all bidders' }).click();
      await page.getByText('Recorded as published to all bidders.').waitFor();
    };
    await record('Is Hillingdon part of Lot L3? The map in Annex B leaves it out.', 'No: Lot L3 covers the seven boroughs in Annex B.', '2026-09-25T10:00');
    const first = page.locator('[data-testid="clarification"]').first();
    await first.getByText('Correct this answer (supersede)').click();
    await first.getByLabel('Corrected answer', { exact: true }).fill('Yes: Hillingdon is in North West London ICS and in Lot L3; Annex B has been corrected.');
    await first.getByLabel('Why the answer is replaced').fill('Annex B left out Hillingdon by mistake');
    await first.getByLabel('The corrected answer changes the tender documents').check();
    await first.getByRole('button', { name: 'Publish the correction' }).click();
    await page.getByText('The corrected answer is published and supersedes the earlier one.').waitFor();
    await record('Can one organisation bid for more than one lot?', 'Yes: a separate bid for each lot, each scored and awarded on its own.', '2026-09-25T11:30');
    await expect(page.locator('[data-testid="clarification"]').evaluateAll((cards) => cards.map((c) => (c as unknown as { dataset: { status: string } }).dataset.status)))
      .resolves.toEqual(['superseded', 'published', 'published']);
    await expect(page.locator('[data-testid="clarification"]').nth(1).innerText()).resolves.toMatch(/C2 · The whole tender\s*published\s*changes the tender documents/);
    await expectAccessible(page);

    // 4. The import: the template from the round, the portal's export in its columns, checked, then confirmed.
    bt.t.clock.set(new Date(DEADLINE.getTime() - 2 * HOUR));
    await page.goto(roundPath);
    await page.getByTestId('bid-import-link').click();
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Template (.csv)' }).click()]);
    const templateHeader = (await readFile((await template.path())!, 'utf8')).split('\n')[0];
    expect(templateHeader).toMatch(/^Supplier name,Lot,Price \(£\),Received at \(UTC\),"PF1: /);
    // The fixture file is that template filled in: the same heading row, to the character.
    expect(readFileSync(BIDS_FILE, 'utf8').split('\n')[0]).toBe(templateHeader);
    await page.getByLabel(/Filled-in template/).setInputFiles(BIDS_FILE);
    await page.getByRole('button', { name: 'Check the file' }).click();
    const preview = page.getByTestId('import-preview');
    await expect(preview.getAttribute('data-clean')).resolves.toBe('yes');
    await preview.getByText('7 bids are ready to register. Nothing has been saved yet.').waitFor();
    const rows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...(tr as unknown as { cells: { textContent: string }[] }).cells].slice(0, 3).map((c) => c.textContent.trim())));
    expect(rows).toEqual([
      ['2', 'Keystone Mentoring Collective CIC', 'L1'], ['3', 'Halden Youth Mentoring Trust', 'L1'], ['4', 'Riverside Youth Alliance', 'L1'],
      ['5', 'Keystone Mentoring Collective CIC', 'L2'], ['6', 'Northern Heights Youth Partnership', 'L2'],
      ['7', 'Halden Youth Mentoring Trust', 'L3'], ['8', EXCLUDED, 'L3'],
    ]);
    await expectAccessible(page);
    await screenshot(page, 'lots-journey-1-import-preview');
    await preview.evaluate((section) => (section as unknown as { scrollIntoView(): void }).scrollIntoView());
    await readmeScreenshot(page, 'bid-import-preview');
    await page.getByRole('button', { name: 'Register these 7 bids' }).click();
    await page.getByText('7 bids registered from the file.').waitFor();

    // 5. After the deadline: compliance, scoring and moderation (the panel's and the agreed marks by API).
    const lead = await bt.t.tokenFor('commissioner@demo.test');
    const api = (method: 'get' | 'post' | 'put', path: string, token = lead) => bt.t.http()[method](`/api/rounds/${roundId}${path}`).set(bearer(token));
    bt.t.clock.set(new Date(DEADLINE.getTime() + HOUR));
    await api('post', '/events').send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
    const bids = (await api('get', '/bids').expect(200)).body as { id: string; supplierName: string; lotKey: string }[];
    const key = (b: { supplierName: string; lotKey: string }) => `${b.lotKey} ${b.supplierName}`;
    for (const bid of bids) {
      await api('put', `/bids/${bid.id}/compliance`).send(bid.supplierName === EXCLUDED ? { decision: 'excluded', reason: 'The safeguarding policy was not attached (pass/fail question PF1)' } : { decision: 'compliant' }).expect(200);
    }
    const tokens = await Promise.all(PANEL.map(([email]) => bt.t.tokenFor(email)));
    for (const token of tokens) await api('post', '/conflicts', token).send({}).expect(200);
    await api('post', '/events').send({ type: 'COMPLETE_COMPLIANCE' }).expect(200);
    for (const token of tokens) {
      const mine = (await api('get', '/my-scoring', token).expect(200)).body as { bids: { bidId: string; questions: { criterionId: string; title: string }[] }[] };
      for (const bid of mine.bids) {
        const mark = MARK[key(bids.find((b) => b.id === bid.bidId)!)];
        for (const q of bid.questions) await api('put', `/bids/${bid.bidId}/scores/${q.criterionId}`, token).send({ mark, justification: `The answer on ${q.title.toLowerCase()} earns ${mark}.` }).expect(200);
      }
      await api('post', '/my-scoring/submit', token).expect(200);
    }
    await api('post', '/events').send({ type: 'CLOSE_SCORING' }).expect(200);
    for (let pageNo = 1, pages = 1; pageNo <= pages; pageNo++) {
      const view = (await api('get', `/moderation?page=${pageNo}`).expect(200)).body as { pages: number; items: { bidId: string; criterionId: string; group: string; marks: { mark: number }[] }[] };
      for (const cell of view.items) {
        await api('put', `/bids/${cell.bidId}/consensus/${cell.criterionId}`).send({ group: cell.group, mark: cell.marks[0].mark, reason: 'The group agreed the mark every member gave' }).expect(200);
      }
      pages = view.pages;
    }
    await api('post', '/events').send({ type: 'CLOSE_MODERATION' }).expect(200);

    // 6. The award decision, one lot at a time: L1 and L2 to their top-ranked bid, L3 no award with the reason.
    await page.goto(`/rounds/${roundId}/results`);
    await page.getByRole('heading', { name: 'Lot L1: North East London' }).waitFor();
    await page.getByRole('radio', { name: /Keystone Mentoring Collective CIC \(rank 1/ }).check();
    await page.getByRole('button', { name: 'Record the decision for this lot' }).click();
    await page.getByText('The preferred bidder has been recorded.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'lots-journey-2-lot-results');
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await readmeScreenshot(page, 'lot-results');

    await page.getByRole('navigation', { name: 'Lots' }).getByRole('link', { name: 'L2 North Central London' }).click();
    await page.getByRole('heading', { name: 'Lot L2: North Central London' }).waitFor();
    await page.getByRole('radio', { name: /Northern Heights Youth Partnership \(rank 1/ }).check();
    await page.getByRole('button', { name: 'Record the decision for this lot' }).click();
    await page.getByText('The preferred bidder has been recorded.').waitFor();

    await page.getByRole('navigation', { name: 'Lots' }).getByRole('link', { name: 'L3 North West London' }).click();
    await page.getByRole('heading', { name: 'Lot L3: North West London' }).waitFor();
    await page.getByRole('radio', { name: 'No award for this lot' }).check();
    await page.getByLabel(/Reason, for no award/).fill('The only compliant bid is above the budget North West London ICS agreed for this lot.');
    await page.getByRole('button', { name: 'Record the decision for this lot' }).click();
    await page.getByRole('button', { name: 'Yes, record no award for this lot' }).click();
    await page.getByText('No award for this lot has been recorded.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'lots-journey-3-no-award');

    // Every lot decided: the decisions as recorded, each lot's winner its own.
    const results = (await api('get', '/results').expect(200)).body as { lots: { decision: { outcome: string; bidId: string | null } }[] };
    const winner = (lot: string, supplier: string) => bids.find((b) => b.lotKey === lot && b.supplierName === supplier)!.id;
    expect(results.lots.map((l) => [l.decision.outcome, l.decision.bidId])).toEqual([
      ['awarded', winner('L1', 'Keystone Mentoring Collective CIC')], ['awarded', winner('L2', 'Northern Heights Youth Partnership')], ['noAward', null],
    ]);
  });
});
