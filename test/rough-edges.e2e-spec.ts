import { csrfTokenIn, inviteAsAdmin, keepCookies, signInPage, type PageSession } from './support/accounts.js';
import { bearer, publishedRound, roundDefinition, roundInScoring } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

/** Rough edges a first-time user hit (issue 13, part 3), pinned over HTTP: the rules live on the server. */
describe('rough edges of a first walk-through', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('unknown addresses', () => {
    it('answer a browser with a page, and the API or a JSON client with JSON', async () => {
      const page = await t.http().get('/no-such-page').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<h1>This page is not available to you</h1>');
      expect(page.text).toContain('href="/"');
      const json = await t.http().get('/no-such-page').set('Accept', 'application/json').expect(404);
      expect(json.body).toMatchObject({ statusCode: 404 });
      const api = await t.http().get('/api/no-such-thing').set('Accept', 'text/html').expect(404);
      expect(api.headers['content-type']).toMatch(/^application\/json/);
    });
  });

  describe('an invitation link', () => {
    it('that is not valid says so before asking for a password', async () => {
      const page = await t.http().get('/invitations/not-a-real-token').expect(404);
      expect(page.text).toContain('This link does not work');
      expect(page.text).toContain('This invitation link is not valid');
      expect(page.text).not.toContain('type="password"');
    });

    it('that was used says so, and a good one asks for the password', async () => {
      const invited = await inviteAsAdmin(t, { email: 'newcomer@example.org', displayName: 'Newcomer', roles: ['panellist'] });
      const good = await t.http().get(`/invitations/${invited.invitation.token}`).expect(200);
      expect(good.text).toContain('type="password"');
      await t.http().post(`/api/auth/invitations/${invited.invitation.token}`).send({ password: 'a sentence I can remember' }).expect(200);
      const used = await t.http().get(`/invitations/${invited.invitation.token}`).expect(410);
      expect(used.text).toContain('already been used');
      expect(used.text).not.toContain('type="password"');
    });
  });

  describe('an over-size upload', () => {
    it('returns to the form with the message, not to an error page', async () => {
      const session = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
      const form = await t.http().get('/rounds/new').set('Cookie', session.cookieHeader()).expect(200);
      keepCookies(session.cookies, form.headers['set-cookie']);
      const big = Buffer.from(`{"padding": "${'x'.repeat(1024 * 1024 + 10)}"}`);
      const refused = await t.http().post('/rounds').set('Cookie', session.cookieHeader())
        .field('_csrf', csrfTokenIn(form.text)).attach('definitionFile', big, 'round.json');
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('That file is too big: a round definition can be up to 1 MB.');
      expect(refused.text).toContain('Create the round'); // the form itself, to try again
    });
  });

  describe('weighty steps need a real reason', () => {
    it('refuses to cancel with a one-word reason, and cancels with a real one', async () => {
      const lead = await t.tokenFor('commissioner@demo.test');
      const roundId = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'EDGE-CANCEL-1' })).expect(201)).body.id;
      const refused = await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CANCEL', reason: 'budget' }).expect(409);
      expect(refused.body.reasons).toEqual(['A reason is required to cancel a round (a reason needs at least 20 characters; this one has 6)']);
      await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CANCEL', reason: 'The ICB withdrew the budget in March' }).expect(200);
    });

    it('refuses to close scoring without everyone on a short reason', async () => {
      t.clock.set(new Date());
      const round = await roundInScoring(t, [{ supplierName: 'Alder Youth CIC', price: '100000.00' }], { reference: 'EDGE-CLOSE-1' });
      const refused = await t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(round.lead)).send({ type: 'CLOSE_SCORING', reason: 'time is up' }).expect(409);
      expect(refused.body.reasons[0]).toMatch(/have not submitted their scores: .*; give a reason to close scoring without them \(a reason needs at least 20 characters; this one has 10\)$/);
      expect((await t.http().get(`/api/rounds/${round.roundId}`).set(bearer(round.lead))).body.state).toBe('scoring');
    });
  });

  describe('the pages ask before a weighty step', () => {
    let session: PageSession;
    beforeAll(async () => {
      session = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    });

    it('shows what cancelling will do and changes nothing until confirmed', async () => {
      const lead = await t.tokenFor('commissioner@demo.test');
      const roundId = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'EDGE-CANCEL-2' })).expect(201)).body.id;
      const reason = 'The ICB withdrew the budget in March';
      const asked = await t.http().post(`/rounds/${roundId}/events`).type('form').set('Cookie', session.cookieHeader())
        .send({ _csrf: session.csrfToken, type: 'CANCEL', reason }).expect(200);
      expect(asked.text).toContain('<h1>Cancel this round?</h1>');
      expect(asked.text).toContain(reason);
      expect(asked.text).toContain('name="confirmed" value="yes"');
      expect((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.state).toBe('draft');
      await t.http().post(`/rounds/${roundId}/events`).type('form').set('Cookie', session.cookieHeader())
        .send({ _csrf: csrfTokenIn(asked.text), type: 'CANCEL', reason, confirmed: 'yes' }).expect(303);
      expect((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.state).toBe('cancelled');
    });

    it('offers the workbook only once one exists, and otherwise says why', async () => {
      t.clock.set(new Date());
      const lead = await t.tokenFor('commissioner@demo.test');
      const draftId = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ reference: 'EDGE-WORKBOOK-1' })).expect(201)).body.id;
      const draft = await t.http().get(`/rounds/${draftId}/evidence`).set('Cookie', session.cookieHeader()).expect(200);
      expect(draft.text).not.toContain('workbook.xlsx');
      expect(draft.text).toContain('No workbook yet.</strong> The scoring workbook exists once scoring has started.');
      await t.http().get(`/api/rounds/${draftId}/workbook.xlsx`).set(bearer(lead)).expect(409); // the same rule behind the button
      const round = await roundInScoring(t, [{ supplierName: 'Cedar Youth CIC', price: '80000.00' }], { reference: 'EDGE-WORKBOOK-2' });
      const scoring = await t.http().get(`/rounds/${round.roundId}/evidence`).set('Cookie', session.cookieHeader()).expect(200);
      expect(scoring.text).toContain('No workbook yet.</strong> The scoring workbook can be seen once scoring has closed.');
      await t.http().post(`/api/rounds/${round.roundId}/events`).set(bearer(round.lead)).send({ type: 'CLOSE_SCORING', reason: 'The panel agreed to close for this test' }).expect(200);
      const closed = await t.http().get(`/rounds/${round.roundId}/evidence`).set('Cookie', session.cookieHeader()).expect(200);
      expect(closed.text).toContain(`href="/api/rounds/${round.roundId}/workbook.xlsx"`);
    });

    it('asks before a compliance decision, naming the bid', async () => {
      t.clock.set(new Date());
      const { roundId, lead } = await publishedRound(t, { reference: 'EDGE-COMPLY-1' });
      const bidId = (await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead))
        .send({ supplierName: 'Birch Mentoring CIC', price: '90000.00', responses: { Q1: 'Our approach', Q2: 'On safety', SV1: 'Local jobs' } }).expect(201)).body.id;
      const deadline = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead))).body.timetable.tenderDeadline;
      t.clock.set(new Date(new Date(deadline).getTime() + 60_000));
      await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
      const asked = await t.http().post(`/rounds/${roundId}/bids/${bidId}/compliance`).type('form').set('Cookie', session.cookieHeader())
        .send({ _csrf: session.csrfToken, decision: 'excluded', reason: 'No insurance certificate was included' }).expect(200);
      expect(asked.text).toContain('Exclude Birch Mentoring CIC?');
      expect(asked.text).toContain('No insurance certificate was included');
      const pending = (await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(lead))).body;
      expect(pending[0].compliance).toBe('pending');
      await t.http().post(`/rounds/${roundId}/bids/${bidId}/compliance`).type('form').set('Cookie', session.cookieHeader())
        .send({ _csrf: csrfTokenIn(asked.text), decision: 'excluded', reason: 'No insurance certificate was included', confirmed: 'yes' }).expect(303);
      expect((await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(lead))).body[0].compliance).toBe('excluded');
    });
  });
});
