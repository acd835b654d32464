// The rules behind the commissioner's pages (issue 13, part 1), over the API and the pages' HTTP:
// invitations listed, sent again and taken back; a draft's deadline changed; a cancelled round's
// reference; a failed message sent again; the bid page under the access policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../src/database/database.js';
import { OutboxWorker } from '../src/notifications/outbox-worker.js';
import { OutboxMessage } from '../src/notifications/outbox-message.entity.js';
import { ADMIN_EMAIL, signInPage, type PageSession } from './support/accounts.js';
import { startMailbox, type Mailbox } from './support/mailbox.js';
import { bearer, PANEL, roundDefinition, roundInScoring, userId } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

const DAY = 24 * 3600 * 1000;
const LEAD = 'commissioner@demo.test';

describe("the commissioner's pages: the rules over the API", () => {
  let mailbox: Mailbox;
  let t: TestApp;
  let lead: string;
  let admin: string;
  const page = (session: PageSession, path: string) => t.http().get(path).set('Cookie', session.cookieHeader());

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await startTestApp({ env: { SMTP_URL: mailbox.url, MAIL_FROM: 'Rounds <rounds@example.org>' } });
    lead = await t.tokenFor(LEAD);
    admin = await t.tokenFor(ADMIN_EMAIL);
  });
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  describe('invitations', () => {
    const invite = (token: string, email: string, roles: string[]) => t.http().post('/api/users').set(bearer(token)).send({ email, displayName: email.split('@')[0], roles });
    const pending = async (token: string) => (await t.http().get('/api/invitations').set(bearer(token)).expect(200)).body as { id: string; email: string; expired: boolean; invitedBy: string }[];
    const accept = (token: string) => t.http().post(`/api/auth/invitations/${token}`).send({ password: 'a long enough passphrase' });

    it('lists pending invitations: a commissioner sees panellists only, an administrator every one; accepted ones leave the list', async () => {
      await invite(lead, 'pending.partner@example.org', ['panellist']).expect(201);
      await invite(admin, 'pending.auditor@example.org', ['auditor']).expect(201);
      const accepted = (await invite(lead, 'accepted.partner@example.org', ['panellist']).expect(201)).body.invitation.token;
      await accept(accepted).expect(200);

      const forLead = (await pending(lead)).map((p) => p.email);
      expect(forLead).toContain('pending.partner@example.org');
      expect(forLead).not.toContain('pending.auditor@example.org');
      expect(forLead).not.toContain('accepted.partner@example.org');
      const forAdmin = await pending(admin);
      expect(forAdmin.map((p) => p.email)).toEqual(expect.arrayContaining(['pending.partner@example.org', 'pending.auditor@example.org']));
      expect(forAdmin.find((p) => p.email === 'pending.partner@example.org')).toMatchObject({ invitedBy: 'Priya Shah (commissioner)', expired: false });
      // A commissioner may not know of (or touch) an auditor's invitation.
      const auditorInvitation = forAdmin.find((p) => p.email === 'pending.auditor@example.org')!.id;
      await t.http().post(`/api/invitations/${auditorInvitation}/resend`).set(bearer(lead)).expect(404);
      await t.http().post(`/api/invitations/${auditorInvitation}/revoke`).set(bearer(lead)).expect(404);
    });

    it('sends again with a new link: the old link stops working, the new one works, and the mail goes out again', async () => {
      const email = 'resent.partner@example.org';
      const first = (await invite(lead, email, ['panellist']).expect(201)).body.invitation;
      // Eight days later the first link has expired; the list says so.
      t.clock.advance(8 * DAY);
      const row = (await pending(lead)).find((p) => p.email === email)!;
      expect(row.expired).toBe(true);
      const second = (await t.http().post(`/api/invitations/${row.id}/resend`).set(bearer(lead)).expect(200)).body;
      expect(second.token).not.toBe(first.token);
      expect(Math.abs(new Date(second.expiresAt).getTime() - (t.clock.now().getTime() + 7 * DAY))).toBeLessThan(60_000);
      await accept(first.token).expect(404);
      await t.app.get(OutboxWorker).deliverDue();
      const mails = mailbox.to(email);
      expect(mails.at(-1)!.text).toContain(second.url);
      await accept(second.token).expect(200);
      expect((await pending(lead)).map((p) => p.email)).not.toContain(email);
      // Accepted: nothing left to send again.
      await t.http().post(`/api/invitations/${row.id}/resend`).set(bearer(lead)).expect(409);
    });

    it('takes an invitation back: the link stops working with a plain reason, and the person can be invited again', async () => {
      const email = 'revoked.partner@example.org';
      const link = (await invite(lead, email, ['panellist']).expect(201)).body.invitation;
      const row = (await pending(lead)).find((p) => p.email === email)!;
      await t.http().post(`/api/invitations/${row.id}/revoke`).set(bearer(lead)).expect(204);
      const refused = await accept(link.token).expect(410);
      expect(refused.body.message).toMatch(/taken back/);
      expect((await pending(lead)).map((p) => p.email)).not.toContain(email);
      await t.http().post(`/api/invitations/${row.id}/revoke`).set(bearer(lead)).expect(409);
      const again = (await invite(lead, email, ['panellist']).expect(201)).body.invitation;
      await accept(again.token).expect(200);
      // An active account is not invited twice.
      await invite(lead, email, ['panellist']).expect(409);
      const types = (await t.http().get('/api/audit').set(bearer(await t.tokenFor('auditor@demo.test'))).query({ limit: 1000 }).expect(200)).body.map((e: { type: string }) => e.type);
      expect(types).toEqual(expect.arrayContaining(['invitation.revoked', 'invitation.resent']));
    });
  });

  it('the invitations page: a commissioner invites panel members only, an administrator chooses the roles', async () => {
    const commissioner = await signInPage(t, LEAD, DEMO.demoPassword);
    const form = (await page(commissioner, '/invitations').expect(200)).text;
    expect(form).not.toContain('name="roles"');
    const sent = await t.http().post('/invitations').type('form').set('Cookie', commissioner.cookieHeader())
      .send({ _csrf: commissioner.csrfToken, displayName: 'Kai', email: 'kai.partner@example.org' });
    expect(sent.status).toBe(303);
    const listed = (await page(commissioner, '/invitations').expect(200)).text;
    expect(listed).toMatch(/data-invitation="kai.partner@example.org"[\s\S]*Panel member[\s\S]*Send again[\s\S]*Take back/);
    const forbidden = await t.http().post('/invitations').type('form').set('Cookie', commissioner.cookieHeader())
      .send({ _csrf: commissioner.csrfToken, displayName: 'Aud', email: 'aud@example.org', roles: 'auditor' });
    expect(forbidden.status).toBe(403);
    const administrator = await signInPage(t, ADMIN_EMAIL, DEMO.demoPassword);
    const adminForm = (await page(administrator, '/invitations').expect(200)).text;
    expect(adminForm.match(/name="roles"/g)).toHaveLength(4);
    await page(await signInPage(t, 'auditor@demo.test', DEMO.demoPassword), '/invitations').expect(403);
  });

  describe("a draft's timetable", () => {
    it('a draft whose deadline has passed says so, cannot be published, and the lead sets a new deadline', async () => {
      const now = t.clock.now().getTime();
      const created = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ timetable: { tenderDeadline: new Date(now + 2 * DAY).toISOString() } })).expect(201)).body;
      const id = created.id;
      for (const m of PANEL) await t.http().post(`/api/rounds/${id}/panel`).set(bearer(lead)).send({ userId: await userId(t, m.email), group: m.group }).expect(201);
      await t.http().post(`/api/rounds/${id}/conflicts-assessment`).set(bearer(lead)).send({ summary: 'Panel and officers assessed; no interests found in the market.' }).expect(200);
      t.clock.set(new Date(now + 3 * DAY));

      const refused = await t.http().post(`/api/rounds/${id}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(409);
      expect(JSON.stringify(refused.body)).toMatch(/is not in the future/);
      const session = await signInPage(t, LEAD, DEMO.demoPassword);
      const roundPage = await page(session, `/rounds/${id}`).expect(200);
      expect(roundPage.text).toMatch(/The tender deadline \([^)]*\) has passed/);
      expect(roundPage.text).toContain(`href="/rounds/${id}/edit"`);

      // Not in the past, not by a panellist; then the lead's new deadline publishes.
      await t.http().put(`/api/rounds/${id}/timetable`).set(bearer(lead)).send({ tenderDeadline: new Date(now + DAY).toISOString() }).expect(422);
      await t.http().put(`/api/rounds/${id}/timetable`).set(bearer(lead)).send({ tenderDeadline: 'next Friday' }).expect(400);
      await t.http().put(`/api/rounds/${id}/timetable`).set(bearer(await t.tokenFor('yp1@demo.test'))).send({ tenderDeadline: new Date(now + 20 * DAY).toISOString() }).expect(403);
      const changed = (await t.http().put(`/api/rounds/${id}/timetable`).set(bearer(lead)).send({ tenderDeadline: new Date(now + 20 * DAY).toISOString() }).expect(200)).body;
      expect(changed.timetable.tenderDeadline).toBe(new Date(now + 20 * DAY).toISOString());
      expect((await page(session, `/rounds/${id}`).expect(200)).text).not.toMatch(/has passed/);
      await t.http().post(`/api/rounds/${id}/events`).set(bearer(lead)).send({ type: 'PUBLISH' }).expect(200);
      // Published: bidders rely on the deadline.
      await t.http().put(`/api/rounds/${id}/timetable`).set(bearer(lead)).send({ tenderDeadline: new Date(now + 30 * DAY).toISOString() }).expect(409);
      const audit = (await t.http().get(`/api/rounds/${id}/audit`).set(bearer(lead)).expect(200)).body;
      expect(audit.find((e: { type: string }) => e.type === 'round.timetable_changed').payload.tenderDeadline).toEqual({ from: new Date(now + 2 * DAY).toISOString(), to: new Date(now + 20 * DAY).toISOString() });
    });

    it('the definition template, notes and all, creates a round', async () => {
      const text = readFileSync(join(import.meta.dirname, '..', 'src', 'web', 'assets', 'definition-template.jsonc'), 'utf8');
      expect(text).toMatch(/^\/\/ /m);
      const session = await signInPage(t, LEAD, DEMO.demoPassword);
      const served = await page(session, '/assets/definition-template.jsonc').expect(200);
      expect(served.text ?? served.body.toString()).toBeTruthy();
      const deadline = new Date(t.clock.now().getTime() + 30 * DAY).toISOString();
      const filled = text.replace('"ABC-2027-001"', '"TPL-2027-001"').replace('"2027-03-01T12:00:00.000Z"', JSON.stringify(deadline));
      const created = await t.http().post('/rounds').set('Cookie', session.cookieHeader()).field('_csrf', session.csrfToken).field('definition', filled);
      expect(created.status).toBe(303);
      const broken = await t.http().post('/rounds').set('Cookie', session.cookieHeader()).field('_csrf', session.csrfToken).field('definition', '{\n  "reference": "X",,\n}');
      expect(broken.status).toBe(422);
      expect(broken.text).toMatch(/not valid JSON at line 2, column 20/);
    });
  });

  it("a cancelled round's reference stays with it; the refusal says to give the new round its own, and suggests one", async () => {
    const definition = roundDefinition({ reference: 'CANC-2027-007' });
    const id = (await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(201)).body.id;
    await t.http().post(`/api/rounds/${id}/events`).set(bearer(lead)).send({ type: 'CANCEL', reason: 'The budget was withdrawn by the board this month' }).expect(200);
    const refused = await t.http().post('/api/rounds').set(bearer(lead)).send(definition).expect(409);
    expect(refused.body.message).toBe('The reference CANC-2027-007 belongs to a cancelled round, which keeps it on the record; give the new round its own reference, such as CANC-2027-008');
    await t.http().post('/api/rounds').set(bearer(lead)).send({ ...definition, reference: 'CANC-2027-008' }).expect(201);
  });

  it('an administrator sends a failed message again: queued afresh and delivered; only failed messages, only administrators', async () => {
    const email = 'failed.partner@example.org';
    await t.http().post('/api/users').set(bearer(lead)).send({ email, displayName: 'Fay Failed', roles: ['panellist'] }).expect(201);
    const db = t.app.get(Database);
    const message = await db.read((m) => m.findOneByOrFail(OutboxMessage, { recipient: email }));
    // Delivered once (the worker is woken after commit); then, as if every attempt had failed:
    for (let pass = 0; pass < 50 && mailbox.to(email).length === 0; pass++) await t.app.get(OutboxWorker).deliverDue();
    await mailbox.waitFor(mailbox.received.length);
    expect(mailbox.to(email)).toHaveLength(1);
    await db.write((m) => m.update(OutboxMessage, { id: message.id }, { status: 'failed', attempts: 10, lastError: '451 mailbox busy' }));

    await t.http().post(`/api/outbox/${message.id}/resend`).set(bearer(lead)).expect(403);
    await t.http().post(`/api/outbox/${message.id}/resend`).set(bearer(admin)).expect(204);
    const row = (await t.http().get('/api/outbox').set(bearer(admin)).expect(200)).body.messages.find((m: { id: string }) => m.id === message.id);
    expect(row.status === 'failed').toBe(false);
    await t.app.get(OutboxWorker).deliverDue();
    expect(mailbox.to(email)).toHaveLength(2);
    expect((await db.read((m) => m.findOneByOrFail(OutboxMessage, { id: message.id })))).toMatchObject({ status: 'sent', attempts: 1 });
    await t.http().post(`/api/outbox/${message.id}/resend`).set(bearer(admin)).expect(409);
  });

  it('the bid page: answers beside the marks for the lead and auditors under the access policy; never for the panel', async () => {
    const round = await roundInScoring(t, [{ supplierName: 'Harbour Lights CIC', price: '1000', responses: { Q1: 'We meet young people where they are, in the evenings.', Q2: 'A named worker for each young person.', SV1: 'Two local apprenticeships' } }]);
    const [bidId] = round.bidIds;
    const path = `/rounds/${round.roundId}/bids/${bidId}`;
    const leadPage = await signInPage(t, LEAD, DEMO.demoPassword);
    const auditor = await signInPage(t, 'auditor@demo.test', DEMO.demoPassword);
    const partner = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);

    const forLead = (await page(leadPage, path).expect(200)).text;
    expect(forLead).toContain('We meet young people where they are, in the evenings.');
    expect(forLead).toContain('data-testid="marks-not-yet"');
    expect((await page(auditor, path).expect(200)).text).not.toContain('data-testid="marks-not-yet"');
    // A panellist scores on their own pages; this one is refused without naming the bid.
    const refused = await page(partner, path).expect(403);
    expect(refused.text).not.toContain('Harbour Lights');
    await page(leadPage, `/rounds/${round.roundId}/bids/00000000-0000-4000-8000-000000000000`).expect(404);
  });
});
