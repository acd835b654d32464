import { parse, type HTMLElement } from 'node-html-parser';
import request from 'supertest';
import { inviteAsAdmin } from './support/accounts.js';
import { award, LISTENED_TO } from './support/contract.js';
import { csrfTokenIn, keepCookies, signInPage, type PageSession } from './support/accounts.js';
import { bearer, decidedRound, publishedRound, roundDefinition, roundInScoring, userId, PANEL } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { pageRoutes, type RouteKey } from './pages/page-routes.js';
import { PAGE_TABLE, type PageCase, type Who, type World } from './pages/page-table.js';

/**
 * The pages without a browser: every route outside /api, from the app's own route table, opened or posted
 * over HTTP as the person its row names. GET pages are parsed: the title, and the CSRF token in every form
 * that posts. Every POST is sent without the token and with a forged one (refused, nothing written), then
 * with the page's token (the row's outcome). Journeys and accessibility stay in test/browser/.
 */
describe('pages over HTTP (the fast tier)', () => {
  let t: TestApp;
  let w: World;
  const sessions = new Map<string, PageSession>();

  beforeAll(async () => {
    t = await startTestApp();
    const lead = await t.tokenFor('commissioner@demo.test');
    const questionIds = async (roundId: string) => Object.fromEntries(
      (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body.criteria
        .flatMap((s: { questions: { key: string; id: string }[] }) => s.questions).map((q: { key: string; id: string }) => [q.key, q.id]),
    ) as Record<string, string>;

    const draftId: string = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id;
    await t.http().post(`/api/rounds/${draftId}/panel`).set(bearer(lead)).send({ userId: await userId(t, 'clinician@demo.test'), group: 'professional' }).expect(201);
    // YP1 checks the draft's questions and suggests better words for Q1 (the lead accepts or answers it).
    await t.http().post(`/api/rounds/${draftId}/panel`).set(bearer(lead)).send({ userId: await userId(t, 'yp1@demo.test'), group: 'youngPartner' }).expect(201);
    const suggestion = (await t.http().put(`/api/rounds/${draftId}/questions/Q1/check`).set(bearer(await t.tokenFor('yp1@demo.test')))
      .send({ verdict: 'suggestion', suggestedWording: 'How will you help young people feel safe?' }).expect(200)).body
      .questions.find((q: { key: string }) => q.key === 'Q1').feedback[0].id as string;
    const seat = async (roundId: string, code: string): Promise<string> =>
      (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body.panel.find((p: { panelCode: string }) => p.panelCode === code).id;
    const decided = await decidedRound(t, { bids: [{ supplierName: 'Gamma Care', price: '100' }, { supplierName: 'Delta Youth', price: '120' }], mark: (bid) => (bid === 0 ? 3 : 2) });
    const weak = (await t.http().get(`/api/rounds/${decided.roundId}/assessment-summaries`).set(bearer(lead)).expect(200)).body.weakReasons[0];
    const moderation = await decidedRound(t, { bids: [{ supplierName: 'Epsilon Works', price: '100' }, { supplierName: 'Zeta Youth', price: '120' }], mark: () => 2, until: 'moderation' });
    t.clock.set(new Date());
    const tendering = await publishedRound(t);
    const clarification: string = (await t.http().post(`/api/rounds/${tendering.roundId}/clarifications`).set(bearer(lead))
      .send({ question: 'Can two organisations bid together?', receivedAt: new Date().toISOString(), changesTenderDocuments: false }).expect(201)).body.id;
    // A clean spreadsheet of one bid, checked and waiting to be confirmed.
    const sheet = `Supplier name,Price,Received at,Q1,Q2,SV1\nIota Trust,95,${t.clock.now().toISOString()},Our approach,Safety,Jobs\n`;
    const upload: string = (await t.http().post(`/api/rounds/${tendering.roundId}/bid-import/check`).set(bearer(lead))
      .send({ fileName: 'bids.csv', content: Buffer.from(sheet).toString('base64') }).expect(200)).body.uploadId;
    const compliance = await publishedRound(t);
    const etaBid: string = (await t.http().post(`/api/rounds/${compliance.roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Eta Trust', price: '90', responses: { Q1: 'Our approach', Q2: 'Safety', SV1: 'Jobs' } }).expect(201)).body.id;
    const deadline = (await t.http().get(`/api/rounds/${compliance.roundId}`).set(bearer(lead)).expect(200)).body.timetable.tenderDeadline;
    t.clock.set(new Date(new Date(deadline).getTime() + 60_000));
    await t.http().post(`/api/rounds/${compliance.roundId}/events`).set(bearer(lead)).send({ type: 'TENDER_DEADLINE_PASSED' }).expect(200);
    t.clock.set(new Date());
    const panel = PANEL.filter((m) => ['yp1@demo.test', 'yp2@demo.test', 'clinician@demo.test'].includes(m.email));
    const scoring = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '120' }], {}, panel);
    const [bidA, bidB] = scoring.bidIds;
    // An awarded contract: a KPI with one reporting period, for the records and reviews.
    const awarded = await decidedRound(t, { bids: [{ supplierName: 'Theta Care', price: '100' }], mark: () => 3 });
    await award(t, awarded.roundId, lead);
    t.clock.set(new Date());
    const kpi: string = (await t.http().post(`/api/rounds/${awarded.roundId}/kpis`).set(bearer(lead)).send({ ...LISTENED_TO, statementIds: [] }).expect(201)).body.kpis[0].id;
    const period: string = (await t.http().post(`/api/rounds/${awarded.roundId}/kpis/${kpi}/periods`).set(bearer(lead))
      .send({ periodStart: '2027-01-01', value: '70', commentary: 'First quarter', evidenceReference: 'Q1 report' }).expect(201)).body.kpis[0].periods[0].id;
    await t.http().post(`/api/rounds/${scoring.roundId}/conflicts`).set(bearer(scoring.tokens['yp1@demo.test'])).send({ bidId: bidB, interest: 'My cousin works at Beta Trust' }).expect(200);

    const invitation = (await inviteAsAdmin(t, { email: 'robin@demo.test', displayName: 'Robin', roles: ['panellist'] })).invitation.token;
    await inviteAsAdmin(t, { email: 'sam@demo.test', displayName: 'Sam', roles: ['panellist'] });
    const admin = await t.tokenFor('admin@demo.test');
    const pending = (await t.http().get('/api/invitations').set(bearer(admin)).expect(200)).body as { id: string; email: string }[];
    const outbox = (await t.http().get('/api/outbox').set(bearer(admin)).expect(200)).body.messages as { id: string; status: string }[];
    const yp2 = await t.tokenFor('yp2@demo.test');
    const proposed: string = (await t.http().post('/api/statements').set(bearer(yp2)).send({ text: 'Talk to me like a person, not a case', consent: true }).expect(201)).body.id;
    const accepted: string = (await t.http().post('/api/statements').set(bearer(lead)).send({ text: 'I want to feel safe when I walk in', consent: true, groupCode: 'YP-NORTH' }).expect(201)).body.id;

    w = {
      scoring: { roundId: scoring.roundId, bidA, bidB, q: await questionIds(scoring.roundId) },
      decided: { roundId: decided.roundId, bidIds: decided.bidIds, q: await questionIds(decided.roundId) },
      moderation: { roundId: moderation.roundId, bidIds: moderation.bidIds, q: await questionIds(moderation.roundId) },
      tendering: { roundId: tendering.roundId },
      compliance: { roundId: compliance.roundId, bidId: etaBid },
      weak: { bidId: weak.bidId, criterionId: weak.criterionId, group: weak.group },
      draft: { roundId: draftId, q: await questionIds(draftId), memberId: await seat(draftId, 'P1'), suggestion },
      awarded: { roundId: awarded.roundId, kpi, period },
      clarification,
      upload,
      scoringSeat: await seat(scoring.roundId, 'P1'),
      pendingInvitation: pending.find((i) => i.email === 'sam@demo.test')!.id,
      message: outbox.find((m) => m.status !== 'failed')!.id,
      youngPartner: await userId(t, 'yp2@demo.test'),
      invitation,
      proposed,
      accepted,
    };
  }, 180_000); // six rounds in their states: a minute or two on a loaded machine (building, not racing time)
  afterAll(() => t.close());

  /** A browser's session for `who`: signed in through the sign-in page, or an anonymous one from it. */
  async function session(who: Who): Promise<PageSession> {
    const key = who ?? '';
    let found = sessions.get(key);
    if (!found) {
      if (who) {
        found = await signInPage(t, who.split('#')[0], 'young-voices-count-2026');
      } else {
        found = { cookies: {}, csrfToken: '', cookieHeader: () => Object.entries(found!.cookies).map(([k, v]) => `${k}=${v}`).join('; ') };
        const page = await t.http().get('/sign-in').expect(200);
        keepCookies(found.cookies, page.headers['set-cookie']);
        found.csrfToken = csrfTokenIn(page.text);
      }
      sessions.set(key, found);
    }
    return found;
  }

  async function open(who: Who, path: string) {
    const s = await session(who);
    const response = await t.http().get(path).set('Cookie', s.cookieHeader());
    keepCookies(s.cookies, response.headers['set-cookie']);
    return response;
  }

  function post(s: PageSession, c: PageCase, fields: Record<string, string>, token: string | null) {
    const sent = t.http().post(c.path(w)).set('Cookie', s.cookieHeader());
    if (!c.multipart) return sent.type('form').send(token === null ? fields : { ...fields, _csrf: token });
    const multipart = Object.entries({ ...fields, ...(token === null ? { note: 'no token' } : { _csrf: token }) }).reduce((r, [k, v]) => r.field(k, v), sent);
    const file = c.multipart.file;
    return file ? multipart.attach(file.field, Buffer.from(file.content), file.name) : multipart;
  }

  const auditCount = async () => Number(((await t.db.sql('SELECT COUNT(*) AS n FROM audit_events')) as { n: number | string }[])[0].n);
  const html = (text: string) => parse(text);
  const titleOf = (page: HTMLElement) => page.querySelector('title')?.text.replace(/ · Commissioning rounds$/, '') ?? '';

  it('has a row in the page table for every route the app serves outside /api, and none for a route that is gone', () => {
    expect(pageRoutes(t.app)).toEqual((Object.keys(PAGE_TABLE) as RouteKey[]).sort());
  });

  const gets = (Object.entries(PAGE_TABLE) as [RouteKey, PageCase][]).filter(([key]) => key.startsWith('GET '));
  it.each(gets)('%s answers its row, and every form on it that posts carries the CSRF token', async (_key, c) => {
    const response = await open(c.as, c.path(w));
    expect(response.status).toBe(c.status);
    if (c.location) return expect(response.headers.location).toMatch(c.location);
    if (c.type === 'json') return expect(response.headers['content-type']).toMatch(/^application\/json/);
    if (c.type === 'pdf') return expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const page = html(response.text);
    expect(titleOf(page)).toMatch(c.title!);
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('en-GB');
    const posting = page.querySelectorAll('form').filter((f) => (f.getAttribute('method') ?? 'get').toLowerCase() === 'post');
    for (const form of posting) {
      expect({ action: form.getAttribute('action'), token: form.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? null })
        .toEqual({ action: form.getAttribute('action'), token: expect.stringMatching(/.{20,}/) });
    }
  });

  const posts = (Object.entries(PAGE_TABLE) as [RouteKey, PageCase][]).filter(([key]) => key.startsWith('POST '));
  it.each(posts)('%s refuses a post without the token or with a forged one (nothing written), and answers its row with the token', async (_key, c) => {
    const s = await session(c.as);
    const fields = c.fields!(w);
    const before = await auditCount();
    for (const token of [null, 'forged-token|abcdef']) {
      const refused = await post(s, c, fields, token);
      expect(refused.status).toBe(403);
      expect(html(refused.text).querySelector('h1')?.text).toBe('Please try that again');
    }
    expect(await auditCount()).toBe(before);

    const answered = await post(s, c, fields, s.csrfToken);
    keepCookies(s.cookies, answered.headers['set-cookie']);
    expect(answered.status).toBe(c.status);
    if (c.location) expect(answered.headers.location).toMatch(c.location);
    // The form's problem is on the page the person sees, next to the form they sent.
    if (c.problem) expect(html(answered.text).querySelector('[role="alert"]')?.text ?? '').toMatch(c.problem);
  });

  describe('rules the pages enforce', () => {
    it('never shows a recused panellist the organisation they know: no link, no page, no mark saved', async () => {
      const { roundId, bidA, bidB, q } = w.scoring;
      const overview = html((await open('yp1@demo.test', `/rounds/${roundId}/score`).then((r) => { expect(r.status).toBe(200); return r; })).text);
      const links = overview.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '');
      expect(links).toContain(`/rounds/${roundId}/score/bids/${bidA}`);
      expect(links.filter((href) => href.includes(bidB))).toEqual([]);

      const page = await open('yp1@demo.test', `/rounds/${roundId}/score/bids/${bidB}`);
      expect(page.status).toBe(404);
      expect(html(page.text).querySelector('h1')?.text).toBe('This page is not available to you');
      // The page's words, not its markup: a CSRF token may contain "120" by chance.
      expect(html(page.text).querySelector('main')?.text).not.toMatch(/Beta Trust|120/);

      const s = await session('yp1@demo.test');
      const before = await auditCount();
      const saved = await t.http().post(`/rounds/${roundId}/score/bids/${bidB}/questions/${q.Q1}`).set('Cookie', s.cookieHeader()).type('form')
        .send({ _csrf: s.csrfToken, mark: '4', justification: 'Trying to score the one I know' });
      expect(saved.status).toBe(404);
      expect(saved.text).not.toContain('Beta Trust');
      expect(await auditCount()).toBe(before);
    });

    it('lets a recused panellist send the marks they owe, and refuses any change from the page afterwards', async () => {
      const { roundId, bidA, q } = w.scoring;
      const s = await session('yp1@demo.test');
      const form = (path: string, fields: Record<string, string>) => t.http().post(path).set('Cookie', s.cookieHeader()).type('form').send({ _csrf: s.csrfToken, ...fields });
      // A young partner scores Q1 and Q2; Beta Trust (recused) is not theirs to score.
      for (const [key, mark] of [['Q1', '4'], ['Q2', '3']]) {
        expect((await form(`/rounds/${roundId}/score/bids/${bidA}/questions/${q[key]}`, { mark, justification: `Mark ${mark}: the answer names local mentors` })).status).toBe(303);
      }
      const sent = await form(`/rounds/${roundId}/score/submit`, {});
      expect([sent.status, sent.headers.location]).toEqual([303, `/rounds/${roundId}/score?sent=1`]);

      const refused = await form(`/rounds/${roundId}/score/bids/${bidA}/questions/${q.Q1}`, { mark: '0', justification: 'Changing my mind after sending.' });
      expect(refused.status).toBe(409);
      expect(html(refused.text).querySelector('[role="alert"]')?.text).toContain('You have submitted your scores; they can no longer be changed');
      const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(await t.tokenFor('yp1@demo.test'))).expect(200)).body;
      expect(mine.bids.map((b: { bidId: string }) => b.bidId)).toEqual([bidA]);
      expect(mine.bids[0].questions.map((x: { key: string; score: { mark: number; status: string } }) => [x.key, x.score.mark, x.score.status])).toEqual([
        ['Q1', 4, 'submitted'], ['Q2', 3, 'submitted'],
      ]);
    });

    it("shows a panellist who types a lead's or auditor's address the refusal page, never the data", async () => {
      const { roundId, bidA } = w.scoring;
      for (const path of [`/rounds/${roundId}`, `/rounds/${roundId}/moderation`, `/rounds/${roundId}/results`, `/rounds/${roundId}/evidence`, '/rounds/new',
        `/rounds/${roundId}/summaries`, `/rounds/${roundId}/summaries/${bidA}`, `/rounds/${roundId}/summaries/${bidA}/pdf`,
        `/rounds/${roundId}/summaries/check?bidId=${bidA}&criterionId=x&reason=Covers+the+basics`, '/admin/outbox']) {
        const response = await open('yp2@demo.test', path);
        expect({ path, status: [403, 404].includes(response.status) }).toEqual({ path, status: true });
        const main = html(response.text).querySelector('main')?.text ?? '';
        expect(main).toContain('This page is not available to you');
        expect(main).not.toMatch(/Alpha CIC|Beta Trust|TEST-|consistent|robust/i);
      }
      // Not on the panel at all: the round is unknown (404), the same page.
      const unknown = await open('yp3@demo.test#other', `/rounds/${w.decided.roundId}/score`);
      expect(unknown.status).toBe(404);
      expect(html(unknown.text).querySelector('h1')?.text).toBe('This page is not available to you');
    });

    it('sends someone not signed in to the sign-in page, and back to the page they asked for', async () => {
      const response = await request(t.app.getHttpServer()).get(`/rounds/${w.draft.roundId}`);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/rounds/${w.draft.roundId}`)}`);
    });

    it('refuses an API call made with the session cookie but without the token; with the token it reaches the service', async () => {
      const s = await session('commissioner@demo.test');
      const noToken = await t.http().post(`/api/rounds/${w.scoring.roundId}/events`).set('Cookie', s.cookieHeader()).send({ type: 'CANCEL', reason: 'Forged' });
      expect(noToken.status).toBe(403);
      expect(noToken.body.message).toContain('x-csrf-token');
      // PUBLISH is not possible in scoring: the service answers for itself, so the token got the call through.
      const withToken = await t.http().post(`/api/rounds/${w.scoring.roundId}/events`).set('Cookie', s.cookieHeader()).set('x-csrf-token', s.csrfToken).send({ type: 'PUBLISH' });
      expect(withToken.status).toBe(409);
      const lead = await t.tokenFor('commissioner@demo.test');
      expect((await t.http().get(`/api/rounds/${w.scoring.roundId}`).set(bearer(lead)).expect(200)).body.state).toBe('scoring');
    });
  });
});
