// Issue 13, part 1: the commissioner's whole job in the pages, without one API call of theirs. The
// other people's own steps (an administrator reading the outbox, the invitee choosing a password) are
// done in their own browsers; only the panel's scoring goes through the API, as their pages are tested
// in young-partner.e2e-spec.ts. Time moves with the injectable clock.
import { readFile } from 'node:fs/promises';
import { jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { inLondon } from '../../workflows/london-time.js';
import { ADMIN_EMAIL } from '../support/accounts.js';
import { pdfText } from '../support/pdf-text.js';
import { bearer, roundDefinition } from '../support/rounds.js';
import { type BrowserTest, expectAccessible, expectNoSidewaysScroll, follow, HANG_GUARD_MS, newContext, PHONE, readmeScreenshot, screenshot, signIn, signInWithTheForm, startBrowserTest } from './browser.js';

jest.setTimeout(HANG_GUARD_MS);

const DAY = 24 * 3600 * 1000;
const NEW_PARTNER = { name: 'Jordan', email: 'jordan.partner@example.org', password: 'my own long passphrase 2027' };
const BIDS = [
  { supplierName: 'Harbourside Youth Collective', price: '1450000.00', answers: { Q1: 'Youth workers in every GP surgery, with same-week appointments and evening drop-ins.', Q2: 'A youth panel reviews every complaint within a week and meets the manager monthly.', SV1: 'Six apprenticeships a year for young people from the estate.' } },
  { supplierName: 'Northgate Mentoring Trust', price: '1380000.00', answers: { Q1: 'Mentors meet young people at school once a fortnight for a year.', Q2: 'Safeguarding training for every mentor before they start.', SV1: 'Volunteering days for staff at local food banks.' } },
] as const;
const MARK: Record<string, number> = { [BIDS[0].supplierName]: 3, [BIDS[1].supplierName]: 2 };

const currentStep = (page: Page) => page.locator('svg.wf-diagram g[aria-current="step"]').getAttribute('data-state');
const moved = (page: Page) => page.getByText('Done: the round has moved on.').waitFor();

describe("the commissioner's whole job in the pages", () => {
  let bt: BrowserTest;
  let contexts: BrowserContext[];
  let page: Page;
  /** Pages the journey opened, looked at again on a phone. */
  const visited: string[] = [];

  beforeAll(async () => {
    bt = await startBrowserTest();
    contexts = [];
    const context = await newContext(bt);
    contexts.push(context);
    page = await context.newPage();
    await signInWithTheForm(page, 'commissioner@demo.test');
  });
  afterAll(() => bt.close());

  async function as(email: string, password?: string): Promise<Page> {
    const context = await newContext(bt);
    contexts.push(context);
    const other = await context.newPage();
    await signIn(other, email, password);
    return other;
  }

  it('creates, invites, sets up, publishes, registers, reads, checks, moderates, sends the summaries and issues the award notice', async () => {
    // 1. A round from the form; the template to start from is a download with notes.
    await page.goto('/');
    await page.getByRole('link', { name: 'Start a new round' }).click();
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the definition template' }).click()]);
    expect(template.suggestedFilename()).toBe('round-definition.jsonc');
    expect(await readFile((await template.path())!, 'utf8')).toMatch(/^\/\/ A round definition/);
    await expectAccessible(page);
    const definition = roundDefinition({ reference: 'JOURNEY-2027-001', title: 'Young people’s wellbeing service', timetable: { tenderDeadline: new Date(bt.t.clock.now().getTime() + 2 * DAY).toISOString() } });
    await page.getByLabel(/Paste the definition/).fill(JSON.stringify(definition, null, 2));
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.getByText('The round has been created as a draft.').waitFor();
    const roundPath = new URL(page.url()).pathname;
    const roundId = roundPath.split('/')[2];

    // 2. Three days pass before the draft is ready: the page says the deadline has passed, and the lead fixes it.
    bt.t.clock.set(new Date(bt.t.clock.now().getTime() + 3 * DAY));
    await page.reload();
    await expect(page.getByTestId('deadline-passed').innerText()).resolves.toMatch(/The tender deadline \(.*\) has passed/);
    await page.getByRole('link', { name: 'Set a new deadline' }).click();
    await page.getByRole('heading', { name: 'Change the draft' }).waitFor();
    const deadline = inLondon(new Date(bt.t.clock.now().getTime() + 14 * DAY).toISOString()).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
    await page.getByLabel(/When bids close/).fill(deadline.toFormat("yyyy-LL-dd'T'HH:mm"));
    await page.getByRole('button', { name: 'Save the deadline' }).click();
    await page.getByText('The tender deadline has been changed.').waitFor();
    // The weights as a table: a broken sum is refused with the rule, a good one saved.
    await page.getByLabel('S1 Quality').fill('65');
    await page.getByRole('button', { name: 'Save the weights' }).click();
    await page.getByText('The criteria break the evaluation rules').waitFor();
    await page.getByLabel('S1 Quality').fill('55');
    await page.getByLabel('S3 Price').fill('35');
    await page.getByRole('button', { name: 'Save the weights' }).click();
    await page.getByText('The questions and weights have been saved.').waitFor();
    await expect(page.getByLabel('S1 Quality').inputValue()).resolves.toBe('55');
    // The questions in full, as text: a title changed.
    const criteria = page.getByLabel(/Sections and their questions/);
    const text = await criteria.inputValue();
    await criteria.fill(text.replace('"title": "Local jobs"', '"title": "Local jobs and training"'));
    await page.getByRole('button', { name: 'Save the questions and weights' }).click();
    await page.getByText('The questions and weights have been saved.').waitFor();
    visited.push(new URL(page.url()).pathname);
    await screenshot(page, 'journey-1-change-the-draft');
    await readmeScreenshot(page, 'change-the-draft');
    await expectAccessible(page);

    // 3. Invite a new young partner; the administrator's outbox holds the link, which they open to choose a password.
    await page.goto('/');
    await page.getByRole('link', { name: 'Invite people' }).first().click();
    await page.getByLabel(/^Name/).fill(NEW_PARTNER.name);
    await page.getByLabel('Email address').fill(NEW_PARTNER.email);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Invitation sent.').waitFor();
    await expect(page.locator(`[data-invitation="${NEW_PARTNER.email}"]`).innerText()).resolves.toMatch(/Panel member.*sent.*by Priya Shah/s);
    await screenshot(page, 'journey-2-invitations');
    await readmeScreenshot(page, 'invitations');
    await expectAccessible(page);
    const admin = await as(ADMIN_EMAIL);
    await admin.getByRole('link', { name: 'Mail outbox' }).click();
    const message = admin.locator('details[data-status]').filter({ hasText: NEW_PARTNER.email }).first();
    const link = /\/invitations\/[A-Za-z0-9_-]+/.exec(await message.locator('pre').textContent() ?? '')![0];
    await expectAccessible(admin);
    const invitee = await (await newContext(bt)).newPage();
    await invitee.goto(link);
    await invitee.getByLabel(/New password/).fill(NEW_PARTNER.password);
    await invitee.getByLabel('Type it again').fill(NEW_PARTNER.password);
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.getByText(/Welcome!/).waitFor();
    await page.reload();
    expect(await page.locator(`[data-invitation="${NEW_PARTNER.email}"]`).count()).toBe(0);

    // 4. The panel: the new young partner, another, two professionals; one added by mistake is removed.
    await page.goto(roundPath);
    for (const [email, group] of [[NEW_PARTNER.email, 'Young partner'], ['yp2@demo.test', 'Young partner'], ['clinician@demo.test', 'Professional'], ['finance@demo.test', 'Professional'], ['safeguarding@demo.test', 'Professional']]) {
      await page.getByLabel(/Their email address/).fill(email);
      await page.getByRole('radio', { name: group, exact: true }).check();
      await page.getByRole('button', { name: 'Add to the panel' }).click();
      await page.getByText('Added to the panel.').waitFor();
    }
    await page.getByRole('button', { name: 'Remove Grace Liu from the panel' }).click();
    await page.getByText('Removed from the panel.').waitFor();
    expect(await page.locator('section[aria-labelledby="panel"] tbody tr').count()).toBe(4);
    await page.getByLabel(/Who was assessed and what was found/).fill('Panel members and commissioning officers assessed; no interests in the market found.');
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.getByText('The conflicts assessment has been recorded.').waitFor();
    await page.getByRole('button', { name: 'Publish the round' }).click();
    await moved(page);
    expect(await currentStep(page)).toBe('tendering');

    // 5. Bids registered with the page's form as they arrive.
    for (const bid of BIDS) {
      await page.getByLabel('Supplier').fill(bid.supplierName);
      await page.getByLabel(/Total price in pounds/).fill(bid.price);
      await page.getByLabel('Q1 Approach', { exact: true }).fill(bid.answers.Q1);
      await page.getByLabel('Q2 Feeling safe', { exact: true }).fill(bid.answers.Q2);
      await page.getByLabel('SV1 Local jobs and training', { exact: true }).fill(bid.answers.SV1);
      await page.getByRole('button', { name: 'Register the bid' }).click();
      await page.getByText('The bid has been registered.').waitFor();
    }

    // 6. The deadline passes; the lead opens the bids, reads one and decides compliance on its page.
    bt.t.clock.set(new Date(deadline.toMillis() + 60_000));
    await page.goto(roundPath);
    await page.getByRole('button', { name: 'Close tendering and open the bids' }).click();
    await moved(page);
    await page.getByRole('link', { name: BIDS[0].supplierName }).click();
    await page.getByRole('heading', { name: BIDS[0].supplierName }).waitFor();
    await expect(page.getByTestId('answer-Q1').innerText()).resolves.toBe(BIDS[0].answers.Q1);
    await expect(page.getByTestId('marks-not-yet').innerText()).resolves.toMatch(/once scoring has closed/);
    visited.push(new URL(page.url()).pathname, '/invitations', '/rounds/new');
    await screenshot(page, 'journey-3-bid-in-compliance');
    await expectAccessible(page);
    // Each compliance decision asks for confirmation first.
    await page.getByRole('button', { name: 'Compliant' }).click();
    await page.getByRole('button', { name: `Yes, ${BIDS[0].supplierName} is compliant` }).click();
    await page.getByText('The compliance decision has been recorded.').waitFor();
    await page.goto(roundPath);
    await page.getByRole('button', { name: `Compliant: ${BIDS[1].supplierName}` }).click();
    await page.getByRole('button', { name: `Yes, ${BIDS[1].supplierName} is compliant` }).click();
    await page.getByText('The compliance decision has been recorded.').waitFor();

    // The panel declares and scores (their own pages are tested elsewhere): every mark the same per bid.
    const panel = [[NEW_PARTNER.email, NEW_PARTNER.password], ['yp2@demo.test'], ['clinician@demo.test'], ['finance@demo.test']] as const;
    const tokens = await Promise.all(panel.map(([email, password]) => bt.t.tokenFor(email, password)));
    for (const token of tokens) await bt.t.http().post(`/api/rounds/${roundId}/conflicts`).set(bearer(token)).send({}).expect(200);
    await page.reload();
    await page.getByRole('button', { name: 'Finish compliance checks and open scoring' }).click();
    await moved(page);
    for (const token of tokens.slice(0, 3)) {
      const mine = (await bt.t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(token)).expect(200)).body;
      for (const bid of mine.bids) {
        for (const q of bid.questions) {
          await bt.t.http().put(`/api/rounds/${roundId}/bids/${bid.bidId}/scores/${q.criterionId}`).set(bearer(token))
            .send({ mark: MARK[bid.supplierName], justification: `The answer on ${q.title.toLowerCase()} earns ${MARK[bid.supplierName]}.` }).expect(200);
        }
      }
      await bt.t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(token)).expect(200);
    }

    // 7. The fourth member steps down: withdrawn with a reason, scoring closes without waiting for them.
    await page.reload();
    const leaving = page.locator('section[aria-labelledby="panel"] tbody tr').filter({ hasText: 'Mark Evans' });
    await leaving.getByText('Withdraw P2').click();
    await leaving.getByLabel('Why is Mark Evans stepping down?').fill('Left the organisation at the end of the month');
    await leaving.getByRole('button', { name: 'Record the withdrawal' }).click();
    await page.getByText('The withdrawal has been recorded: their scores no longer count.').waitFor();
    await page.getByRole('button', { name: 'Close scoring and start moderation' }).click();
    await moved(page);

    // 8. Moderation: from each cell the lead reads the answer beside the marks, then records the agreed mark.
    await page.getByRole('link', { name: 'Moderation' }).click();
    for (let pageNo = 1; pageNo <= BIDS.length; pageNo++) {
      await page.goto(`/rounds/${roundId}/moderation?page=${pageNo}`);
      const ids = await page.locator('article.cell').evaluateAll((cells) => cells.map((c) => (c as unknown as { id: string }).id));
      for (const id of ids) {
        const cell = page.locator(`#${id}`);
        const heading = await cell.locator('h3').innerText();
        const bid = BIDS.find((b) => heading.startsWith(b.supplierName))!;
        const key = /: (\w+) /.exec(heading)![1] as keyof typeof bid.answers;
        // The organisation's page shows the marks; each cell's reasons and form are on its own page.
        await cell.getByRole('link', { name: 'Reasons, and record the agreed mark' }).click();
        await page.getByRole('heading', { level: 2, name: heading }).waitFor();
        if (pageNo === 1 && id === ids[0]) {
          await cell.getByRole('link', { name: new RegExp(`Read .*answer to ${key}`) }).click();
          await expect(page.locator(`#answer-${key}`).innerText()).resolves.toContain(bid.answers[key]);
          await expect(page.locator(`#answer-${key} .marks`).first().innerText()).resolves.toContain(`gave ${MARK[bid.supplierName]}`);
          await screenshot(page, 'journey-4-bid-beside-marks');
          await readmeScreenshot(page, 'bid-page');
          await expectAccessible(page);
          await page.goBack();
        }
        await cell.getByRole('radio', { name: new RegExp(`^${MARK[bid.supplierName]}`) }).check();
        await cell.getByLabel(/How the group agreed/).fill(`The group agreed ${MARK[bid.supplierName]}: the bid says "${bid.answers[key]}", which everyone read the same way.`);
        await cell.getByRole('button', { name: /Record the agreed mark/ }).click();
        await page.getByText('The agreed mark has been recorded.').waitFor();
      }
    }
    await page.goto(roundPath);
    await page.getByRole('button', { name: 'Close moderation and go to the award decision' }).click();
    await moved(page);

    // 9. The award: preferred bidder, the summaries read, downloaded and marked sent, then the notice.
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByRole('button', { name: 'Record the preferred bidder' }).click();
    await page.getByText('The preferred bidder has been recorded.').waitFor();
    await follow(page.getByRole('link', { name: 'Summaries', exact: true }));
    expect(await page.getByTestId('weak-reason').count()).toBe(0);
    for (const bid of BIDS) {
      const row = page.getByTestId('summary-row').filter({ hasText: bid.supplierName });
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Download PDF' }).click()]);
      expect((await pdfText(await readFile((await download.path())!))).replace(/\s+/g, ' ')).toContain(`Bidder: ${bid.supplierName}`);
      await row.getByRole('button', { name: `Mark sent to ${bid.supplierName}` }).click();
      await page.getByText('Marked sent: the date and the hash of the PDF are recorded.').waitFor();
    }
    await page.getByRole('button', { name: 'Issue the award notice' }).click();
    await page.getByRole('button', { name: 'Yes, issue the award notice' }).click();
    await page.getByText('Award notice issued').waitFor();
    await page.getByRole('link', { name: 'Overview' }).click();
    expect(await currentStep(page)).toBe('standstill');
    await expect(page.locator('section[aria-labelledby="history"]').innerText()).resolves.toContain('Award decision → Standstill');
  });

  it('an administrator sends a failed message again from the outbox page', async () => {
    const admin = await as(ADMIN_EMAIL);
    const { Database } = await import('../../src/database/database.js');
    const { OutboxMessage } = await import('../../src/notifications/outbox-message.entity.js');
    const db = bt.t.app.get(Database);
    const message = await db.read((m) => m.findOneByOrFail(OutboxMessage, { recipient: NEW_PARTNER.email }));
    await db.write((m) => m.update(OutboxMessage, { id: message.id }, { status: 'failed', attempts: 10, lastError: '554 mailbox unavailable' }));
    await admin.goto('/admin/outbox');
    await screenshot(admin, 'journey-5-outbox-failed');
    await expectAccessible(admin);
    await admin.getByRole('button', { name: new RegExp(`Send again: .* to ${NEW_PARTNER.email}`) }).first().click();
    await admin.getByText('The message is queued to be sent again.').waitFor();
    expect(await admin.locator(`details[data-status="failed"]`).filter({ hasText: NEW_PARTNER.email }).count()).toBe(0);
  });

  it('the new pages on a phone: nothing runs off the side, and they stay accessible', async () => {
    expect(visited.length).toBe(4);
    await page.setViewportSize(PHONE);
    for (const [i, path] of visited.entries()) {
      await page.goto(path);
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
      await screenshot(page, `journey-phone-${i + 1}`);
    }
  });
});
