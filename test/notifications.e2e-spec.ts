import { PassThrough } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { OutboxWorker } from '../src/notifications/outbox-worker.js';
import { retryDelayMs } from '../src/notifications/outbox.js';
import { DeadlineScheduler } from '../src/rounds/deadline-scheduler.js';
import { ADMIN_EMAIL, inviteAsAdmin, signInPage } from './support/accounts.js';
import { startMailbox, type Mailbox } from './support/mailbox.js';
import { bearer, decidedRound, PANEL, publishedRound, roundInScoring, sendSummaries } from './support/rounds.js';
import { createTestDatabase } from './support/test-database.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

const MAIL_FROM = 'Commissioning Rounds <rounds@example.org>';
/** Words a young partner's message must not use. */
const JARGON = /\b(bids?|bidders?|panel(list)?s?|procurement|tender)\b/i;
const LEAD = 'commissioner@demo.test';

const body = (mail: ParsedMail) => `${mail.subject}\n${mail.text}\n${mail.html}`;
const withSubject = (mails: ParsedMail[], words: string | RegExp) => mails.filter((m) => (typeof words === 'string' ? m.subject?.includes(words) : words.test(m.subject ?? '')));

describe('notifications through a real SMTP server', () => {
  let mailbox: Mailbox;
  let t: TestApp;
  let log = '';
  const deliver = () => t.app.get(OutboxWorker).deliverDue();

  beforeAll(async () => {
    mailbox = await startMailbox();
    const logDestination = new PassThrough();
    logDestination.on('data', (chunk) => (log += chunk));
    t = await startTestApp({ env: { SMTP_URL: mailbox.url, MAIL_FROM, LOG_LEVEL: 'debug' }, logDestination });
  });
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  it('backs off 1, 2, 4 ... minutes, at most 6 hours', () => {
    expect([1, 2, 3, 4, 9, 10, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 15_360_000, 21_600_000, 21_600_000]);
  });

  it('retries a refused message after the retry time, once; the invitation it belongs to was made regardless', async () => {
    mailbox.refuseNext(1);
    const email = 'retry.partner@example.org';
    const admin = await t.tokenFor(ADMIN_EMAIL);
    const invited = await inviteAsAdmin(t, { email, displayName: 'Robin Retry', roles: ['panellist'] });
    await deliver();
    await deliver();
    expect(mailbox.to(email)).toHaveLength(0);
    // The change committed without waiting for mail.
    expect((await t.http().get('/api/users').set(bearer(admin)).expect(200)).body.map((u: { email: string }) => u.email)).toContain(email);
    const row = () => t.http().get('/api/outbox').set(bearer(admin)).expect(200).then((r) => r.body.messages.find((m: { to: string }) => m.to === email));
    expect(await row()).toMatchObject({ kind: 'invitation', status: 'pending', attempts: 1, lastError: expect.stringMatching(/busy/) });

    t.clock.advance(59_000); // not yet due: nothing is sent
    await deliver();
    expect(mailbox.to(email)).toHaveLength(0);
    t.clock.advance(2_000);
    await deliver();
    await deliver();
    const mails = mailbox.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].from?.text).toBe('"Commissioning Rounds" <rounds@example.org>');
    expect(mails[0].text).toContain(invited.invitation.url);
    expect(mails[0].html).toContain(`href="${invited.invitation.url}"`);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    // The link is a password: it is in the outbox (administrators only) and the mail, never in the log.
    expect(log).toContain('not sent, attempt 1');
    expect(log).not.toContain(invited.invitation.token);
  });

  it('is sent after the commit without anyone asking: an invitation arrives by itself', async () => {
    const before = mailbox.received.length;
    await inviteAsAdmin(t, { email: 'by.itself@example.org', displayName: 'Sam Self', roles: ['panellist'] });
    await mailbox.waitFor(before + 1);
    expect(mailbox.to('by.itself@example.org')).toHaveLength(1);
  });

  it('tells every panellist when scoring starts (young partners in plain words), and the lead when the tender deadline passes', async () => {
    t.clock.set(new Date());
    const before = mailbox.received.length;
    const { roundId } = await roundInScoring(t, [{ supplierName: 'Safer Futures CIC', price: '1500000' }]);
    await deliver();
    const reference = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(await t.tokenFor(LEAD)))).body.reference;
    const arrived = mailbox.received.slice(before);
    for (const member of PANEL) {
      const mails = arrived.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === member.email);
      expect(mails).toHaveLength(1);
      if (member.group === 'youngPartner') {
        expect(mails[0].text).toContain('The answers for "Violence reduction social prescribing pathway" are ready for you to score.');
        expect(body(mails[0])).not.toMatch(JARGON);
      } else {
        expect(mails[0].subject).toBe(`${reference}: bids are open for you to score`);
      }
      expect(mails[0].text).toContain(`${t.config.publicUrl}/rounds/${roundId}/score`);
    }
    const toLead = arrived.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === LEAD);
    expect(toLead.map((m) => m.subject)).toEqual([`${reference}: the tender deadline has passed`]);
    expect(toLead[0].text).toContain('1 bid was received');
  });

  it('tells the lead when the scheduler passes the tender deadline', async () => {
    t.clock.set(new Date());
    const { roundId } = await publishedRound(t);
    const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(await t.tokenFor(LEAD)))).body;
    t.clock.set(new Date(new Date(round.timetable.tenderDeadline).getTime() + 1000));
    expect(await t.app.get(DeadlineScheduler).runDue()).toBeGreaterThanOrEqual(1);
    await deliver();
    const mails = withSubject(mailbox.to(LEAD), `${round.reference}: the tender deadline has passed`);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('0 bids were received');
  });

  it('reminds only the members still to submit when the lead presses remind, and confirms receipt on submit', async () => {
    t.clock.set(new Date());
    const panel = PANEL.filter((m) => ['yp1@demo.test', 'clinician@demo.test'].includes(m.email));
    const { roundId, lead, tokens, bidIds } = await roundInScoring(t, [{ supplierName: 'Youth Link Partnership', price: '900000' }], {}, panel);
    const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body;
    const ypQuestions = round.criteria.flatMap((s: { questions: { id: string; scoredBy: string[] }[] }) => s.questions).filter((q: { scoredBy: string[] }) => q.scoredBy.includes('youngPartner'));
    for (const q of ypQuestions) {
      await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[0]}/scores/${q.id}`).set(bearer(tokens['yp1@demo.test'])).send({ mark: 3, justification: 'They explain clearly how young people are heard' }).expect(200);
    }
    await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens['yp1@demo.test'])).expect(200);
    // Only the lead may remind.
    await t.http().post(`/api/rounds/${roundId}/reminders`).set(bearer(tokens['clinician@demo.test'])).expect(403);
    const reminded = (await t.http().post(`/api/rounds/${roundId}/reminders`).set(bearer(lead)).expect(200)).body.reminded;
    await deliver();

    const clinicianCode = round.panel.find((m: { group: string }) => m.group === 'professional').panelCode;
    expect(reminded).toEqual([clinicianCode]);
    const reminders = withSubject(mailbox.received, /reminder/i).filter((m) => m.text?.includes(round.reference) || m.text?.includes(round.title));
    expect(reminders.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : null))).toEqual(['clinician@demo.test']);
    expect(reminders[0].subject).toBe(`${round.reference}: reminder to submit your scores`);

    const receipts = withSubject(mailbox.to('yp1@demo.test'), 'Your scores are in');
    expect(receipts).toHaveLength(1);
    expect(receipts[0].text).toContain(`We received all ${ypQuestions.length} of your marks for "${round.title}"`);
    expect(body(receipts[0])).not.toMatch(JARGON);
    const audit = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body;
    expect(audit.filter((e: { type: string }) => e.type === 'scoring.reminders_sent').map((e: { payload: unknown }) => e.payload)).toEqual([{ panelCodes: [clinicianCode] }]);

    // The same from the round page: the lead's button (a form with the CSRF token).
    const page = await signInPage(t, LEAD, DEMO.demoPassword);
    expect((await t.http().get(`/rounds/${roundId}`).set('Cookie', page.cookieHeader()).expect(200)).text).toContain('Remind everyone who has not sent their scores');
    const posted = await t.http().post(`/rounds/${roundId}/reminders`).type('form').set('Cookie', page.cookieHeader()).send({ _csrf: page.csrfToken }).expect(303);
    expect(posted.headers.location).toBe(`/rounds/${roundId}?notice=reminded#progress`);
    await deliver();
    expect(withSubject(mailbox.to('clinician@demo.test'), `${round.reference}: reminder to submit your scores`)).toHaveLength(2);
    expect(withSubject(mailbox.to('yp1@demo.test'), /reminder/i)).toHaveLength(0);

    // After scoring, a reminder is refused plainly.
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CANCEL', reason: 'Test round closed early' }).expect(200);
    expect((await t.http().post(`/api/rounds/${roundId}/reminders`).set(bearer(lead)).expect(409)).body.message).toMatch(/only while the round is open for scoring/);
  });

  it('tells the lead when the standstill ends', async () => {
    const { roundId, lead } = await decidedRound(t, { bids: [{ supplierName: 'Safer Futures CIC', price: '1500000' }, { supplierName: 'Youth Link Partnership', price: '1200000' }], mark: (bid) => 3 - bid });
    await sendSummaries(t, roundId, lead);
    const issued = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200)).body.round;
    t.clock.set(new Date(new Date(issued.timetable.standstillEndsAt).getTime() + 1000));
    expect(await t.app.get(DeadlineScheduler).runDue()).toBeGreaterThanOrEqual(1);
    await deliver();
    const mails = withSubject(mailbox.to(LEAD), `${issued.reference}: the standstill period has ended`);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('the round is now awarded');
  });
});

describe('without SMTP settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps messages in the outbox, listed for administrators (API and page) with a note that mail is not configured', async () => {
    const invited = await inviteAsAdmin(t, { email: 'kept.here@example.org', displayName: 'Kim Kept', roles: ['panellist'] });
    const admin = await t.tokenFor(ADMIN_EMAIL);
    const outbox = (await t.http().get('/api/outbox').set(bearer(admin)).expect(200)).body;
    expect(outbox).toMatchObject({ mailConfigured: false, note: expect.stringMatching(/^Mail is not configured/) });
    expect(outbox.messages.find((m: { to: string }) => m.to === 'kept.here@example.org')).toMatchObject({ kind: 'invitation', status: 'pending', attempts: 0, text: expect.stringContaining(invited.invitation.url) });
    // A refused change writes no message: the outbox row commits with the change or not at all.
    await t.http().post('/api/users').set(bearer(admin)).send({ email: 'kept.here@example.org', displayName: 'Kim Again', roles: ['panellist'] }).expect(409);
    expect((await t.http().get('/api/outbox').set(bearer(admin)).expect(200)).body.messages.filter((m: { to: string }) => m.to === 'kept.here@example.org')).toHaveLength(1);
    // The outbox holds invitation links: nobody but an administrator sees it.
    await t.http().get('/api/outbox').set(bearer(await t.tokenFor(LEAD))).expect(403);
    await t.http().get('/api/outbox').expect(401);

    const session = await signInPage(t, ADMIN_EMAIL, DEMO.demoPassword);
    const page = await t.http().get('/admin/outbox').set('Cookie', session.cookieHeader()).expect(200);
    expect(page.text).toContain('Mail is not configured');
    expect(page.text).toContain('You have been invited to Commissioning Rounds');
    const lead = await signInPage(t, LEAD, DEMO.demoPassword);
    expect((await t.http().get('/admin/outbox').set('Cookie', lead.cookieHeader())).status).toBe(403);
  });
});

describe('several instances on one PostgreSQL database', () => {
  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

  onPostgres('sends each message once when two instances deliver the same outbox at the same time', async () => {
    const mailbox = await startMailbox();
    const db = await createTestDatabase();
    const env = { SMTP_URL: mailbox.url, MAIL_FROM };
    const a = await startTestApp({ db, env });
    const b = await startTestApp({ db, env });
    try {
      const workers = [a, b].map((x) => x.app.get(OutboxWorker));
      // Twenty invitations, half through each instance, while both workers keep delivering.
      const emails = Array.from({ length: 20 }, (_, i) => `twice.${i}@example.org`);
      await Promise.all([
        ...emails.map((email, i) => inviteAsAdmin(i % 2 ? a : b, { email, displayName: `Person ${i}`, roles: ['panellist'] })),
        ...workers.map((w) => w.deliverDue()),
      ]);
      await Promise.all([...workers, ...workers].map((w) => w.deliverDue()));
      await Promise.all(workers.map((w) => w.deliverDue()));
      for (const email of emails) expect(mailbox.to(email)).toHaveLength(1);
      expect(mailbox.received).toHaveLength(emails.length);
      const rows = (await db.sql(`SELECT status, attempts FROM outbox_messages`)) as { status: string; attempts: number }[];
      expect(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
    } finally {
      await b.close({ dropDatabase: false });
      await a.close();
      await mailbox.close();
    }
  });
});
