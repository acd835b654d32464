import ExcelJS from 'exceljs';
import { SHEET } from '../src/exports/sheets/sheet-names.js';
import { signInPage } from './support/accounts.js';
import { bearer, download, publishedRound, roundDefinition, roundInScoring } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// i-Statements (issue 12, parts 1 and 2): what young people said, in the organisation's library, cited
// by a round's questions; consent decides whether a statement ever leaves the organisation's own pages.

const WORKSHOP = { title: 'Youth voice workshop: what good help looks like', heldOn: '2026-10-14', ranBy: 'Participation team', participants: 12 };

describe('i-Statements', () => {
  let t: TestApp;
  let lead: string;
  beforeAll(async () => {
    t = await startTestApp();
    lead = await t.tokenFor('commissioner@demo.test');
  });
  afterAll(() => t.close());

  const add = (token: string, body: Record<string, unknown>) => t.http().post('/api/statements').set(bearer(token)).send(body);
  const search = async (token: string, query = '') => (await t.http().get(`/api/statements${query}`).set(bearer(token)).expect(200)).body as { id: string; text: string; status: string }[];
  const auditTypes = async () => {
    const auditor = await t.tokenFor('auditor@demo.test');
    return (await t.http().get('/api/audit?limit=1000').set(bearer(auditor)).expect(200)).body.map((e: { type: string }) => e.type) as string[];
  };

  it('a commissioner adds a statement, with its group by code, searchable by theme; bad input names the field', async () => {
    const created = await add(lead, { text: 'I want to talk to someone who has been through what I have been through', themes: 'Lived experience, trust', groupCode: 'YP-NORTH', consent: true }).expect(201);
    expect(created.body).toMatchObject({ status: 'accepted', groupCode: 'YP-NORTH', consent: true, themes: ['lived experience', 'trust'], addedByYoungPartner: false, workshop: null });

    const named = await add(lead, { text: 'Somebody who listens to me', groupCode: 'Jordan Smith', consent: true }).expect(400);
    expect(JSON.stringify(named.body)).toContain('groupCode');
    const noGroup = await add(lead, { text: 'Somebody who listens to me', consent: true }).expect(422);
    expect(noGroup.body.details?.field ?? noGroup.body.field ?? JSON.stringify(noGroup.body)).toContain('groupCode');

    expect((await search(lead, '?theme=Trust')).map((s) => s.id)).toEqual([created.body.id]);
    expect(await search(lead, '?theme=housing')).toEqual([]);
    expect(await auditTypes()).toContain('statement.added');
  });

  it('a young partner proposes a statement; it waits until a commissioner (only) accepts it', async () => {
    const yp1 = await t.tokenFor('yp1@demo.test');
    const clinician = await t.tokenFor('clinician@demo.test');
    // Not yet a young partner on any round: no part in the library.
    await add(yp1, { text: 'Do not make me tell my story again and again', consent: true }).expect(403);
    await publishedRound(t); // YP1 and YP2 young partners, the clinician a professional
    await add(clinician, { text: 'A professional view is not a young person\'s', groupCode: 'P', consent: true }).expect(403);

    const proposed = (await add(yp1, { text: 'Do not make me tell my story again and again', themes: ['trust'], consent: true }).expect(201)).body;
    expect(proposed).toMatchObject({ status: 'proposed', addedByYoungPartner: true, yours: true, groupCode: 'YOUNG-PARTNERS' });
    // Waiting: the commissioner sees it; another young partner does not.
    expect((await search(lead, '?status=proposed')).map((s) => s.id)).toContain(proposed.id);
    const yp2 = await t.tokenFor('yp2@demo.test');
    expect((await search(yp2)).map((s) => s.id)).not.toContain(proposed.id);

    await t.http().post(`/api/statements/${proposed.id}/accept`).set(bearer(yp1)).expect(403);
    await t.http().post(`/api/statements/${proposed.id}/accept`).set(bearer(clinician)).expect(403);
    const accepted = (await t.http().post(`/api/statements/${proposed.id}/accept`).set(bearer(lead)).expect(200)).body;
    expect(accepted).toMatchObject({ status: 'accepted', addedByYoungPartner: true, yours: false });
    await t.http().post(`/api/statements/${proposed.id}/accept`).set(bearer(lead)).expect(409);
    expect((await search(yp2)).map((s) => s.id)).toContain(proposed.id);
    expect(await auditTypes()).toEqual(expect.arrayContaining(['statement.proposed', 'statement.accepted']));
  });

  it("imports a workshop's statements from a pasted list", async () => {
    const imported = (await t.http().post('/api/statements/import').set(bearer(lead))
      .send({ workshop: WORKSHOP, groupCode: 'YP-SOUTH', themes: ['safety'], consent: true, list: '- I want to feel safe where we meet\n\n2. Tell me what happens next\n• Text me, do not call' }).expect(201)).body;
    expect(imported.workshop).toMatchObject(WORKSHOP);
    expect(imported.statements.map((s: { text: string }) => s.text)).toEqual(['I want to feel safe where we meet', 'Tell me what happens next', 'Text me, do not call']);
    expect(imported.statements.every((s: { workshop: { id: string }; themes: string[]; groupCode: string }) => s.workshop.id === imported.workshop.id && s.themes[0] === 'safety' && s.groupCode === 'YP-SOUTH')).toBe(true);

    const young = await t.tokenFor('yp1@demo.test');
    await t.http().post('/api/statements/import').set(bearer(young)).send({ workshop: WORKSHOP, groupCode: 'YP-SOUTH', consent: true, list: 'A line long enough' }).expect(403);
    const badDate = await t.http().post('/api/statements/import').set(bearer(lead)).send({ workshop: { ...WORKSHOP, heldOn: '14/10/2026' }, groupCode: 'YP-SOUTH', consent: true, list: 'A line long enough' }).expect(400);
    expect(JSON.stringify(badDate.body)).toContain('heldOn');
  });

  it('imports a workshop from a CSV file (a spreadsheet saved as CSV): consent, group and themes per row; a bad row writes nothing', async () => {
    const csv = 'Statement,Themes,Group,Consent\n"I want someone who gets it, not a form",trust; lived experience,YP-EAST,yes\nMeet me after school,access,YP-EAST,no\n';
    const session = { ...WORKSHOP, title: 'After-school drop-in session', participants: 7 };
    const imported = (await t.http().post('/api/statements/import-csv').set(bearer(lead)).send({ workshop: session, csv }).expect(201)).body;
    expect(imported.workshop).toMatchObject({ title: 'After-school drop-in session', participants: 7 });
    expect(imported.statements.map((s: { text: string; consent: boolean; themes: string[] }) => [s.text, s.consent, s.themes])).toEqual([
      ['I want someone who gets it, not a form', true, ['trust', 'lived experience']],
      ['Meet me after school', false, ['access']],
    ]);

    const before = (await search(lead)).length;
    const bad = await t.http().post('/api/statements/import-csv').set(bearer(lead))
      .send({ workshop: WORKSHOP, csv: 'statement,group,consent\nA fine statement,YP-EAST,yes\nAnother statement,Aisha Khan,yes\n' }).expect(422);
    expect(bad.body.message).toContain('Row 3');
    expect((await search(lead)).length).toBe(before);
    const noColumn = await t.http().post('/api/statements/import-csv').set(bearer(lead)).send({ workshop: WORKSHOP, csv: 'text,group\nA fine statement,YP-EAST\n' }).expect(422);
    expect(noColumn.body.message).toContain('"statement" column');
  });

  it('questions cite statements: the scoring page shows consented ones only; the workbook neither unconsented statements nor young people\'s names; coverage lists the rest', async () => {
    const statement = async (text: string, consent: boolean, groupCode = 'YP-WEST') => (await add(lead, { text, groupCode, consent, themes: ['mentoring'] }).expect(201)).body.id as string;
    const shared = await statement('Someone older who has been there, like a big sister', true);
    const secret = await statement('Nobody at home would let me go to a group', false);
    const other = await statement('Pay us for our time', true);
    const uncited = await statement('Let us choose where we meet', true);
    // Jordan (yp1) proposed it; once accepted and cited it appears by its group code only.
    const yp1 = await t.tokenFor('yp1@demo.test');
    const jordans = (await add(yp1, { text: 'Being listened to is the main thing', consent: true }).expect(201)).body.id as string;
    await t.http().post(`/api/statements/${jordans}/accept`).set(bearer(lead)).expect(200);

    const outsider = await t.tokenFor('yp2@demo.test'); // a panellist on another round only
    const panel = [{ email: 'yp1@demo.test', group: 'youngPartner' }, { email: 'clinician@demo.test', group: 'professional' }];
    const { roundId, tokens } = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100' }], {}, panel, async (id, leadToken) => {
      const cite = (key: string, statementIds: string[]) => t.http().put(`/api/rounds/${id}/questions/${key}/statements`).set(bearer(leadToken)).send({ statementIds });
      expect((await cite('Q2', [shared, secret, jordans]).expect(200)).body.statements).toHaveLength(3);
      await cite('Q1', [other]).expect(200);
      await cite('NOPE', [other]).expect(404);
      await cite('Q1', ['not-an-id']).expect(400);
      // Only the lead sets citations; a panellist of another round may not know the round exists.
      await t.http().put(`/api/rounds/${id}/questions/Q1/statements`).set(bearer(yp1)).send({ statementIds: [] }).expect(403);
      await t.http().put(`/api/rounds/${id}/questions/Q1/statements`).set(bearer(outsider)).send({ statementIds: [] }).expect(404);
      const coverage = (await t.http().get(`/api/rounds/${id}/statement-coverage`).set(bearer(leadToken)).expect(200)).body;
      expect(coverage.questions.find((q: { key: string }) => q.key === 'Q2').statements.map((s: { id: string }) => s.id).sort()).toEqual([shared, secret, jordans].sort());
      const uncitedIds = coverage.uncited.map((s: { id: string }) => s.id);
      expect(uncitedIds).toContain(uncited);
      expect(uncitedIds).not.toContain(shared);
      expect(uncitedIds).not.toContain(other);
    });
    // Once published, the citations are part of the method: fixed.
    await t.http().put(`/api/rounds/${roundId}/questions/Q1/statements`).set(bearer(lead)).send({ statementIds: [] }).expect(409);

    // Access: the round's panel reads citations (consented only); panellists of other rounds nothing.
    await t.http().get(`/api/rounds/${roundId}/statement-coverage`).set(bearer(outsider)).expect(404);
    await t.http().get(`/api/rounds/${roundId}`).set(bearer(outsider)).expect(404);
    await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(outsider)).expect(404);
    await t.http().get(`/api/rounds/${roundId}/statement-coverage`).set(bearer(tokens['yp1@demo.test'])).expect(403);
    const q2Of = (detail: { criteria: { questions: { key: string; statements: { text: string }[] }[] }[] }) =>
      detail.criteria.flatMap((s) => s.questions).find((q) => q.key === 'Q2')!.statements.map((s) => s.text).sort();
    expect(q2Of((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body)).toEqual(['Being listened to is the main thing', 'Nobody at home would let me go to a group', 'Someone older who has been there, like a big sister']);
    expect(q2Of((await t.http().get(`/api/rounds/${roundId}`).set(bearer(tokens['yp1@demo.test'])).expect(200)).body)).toEqual(['Being listened to is the main thing', 'Someone older who has been there, like a big sister']);

    // The young partner's scoring: the API and the page, consented statements under their question.
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens['yp1@demo.test'])).expect(200)).body;
    const q2 = mine.bids[0].questions.find((q: { key: string }) => q.key === 'Q2');
    expect(q2.fromYoungPeople.map((s: { text: string }) => s.text).sort()).toEqual(['Being listened to is the main thing', 'Someone older who has been there, like a big sister']);
    const page = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);
    const html = (await t.http().get(`/rounds/${roundId}/score/bids/${mine.bids[0].bidId}`).set('Cookie', page.cookieHeader()).expect(200)).text;
    expect(html).toContain('This question came from what young people said:');
    expect(html).toContain('Someone older who has been there, like a big sister');
    expect(html).toContain('Pay us for our time');
    expect(html).not.toContain('Nobody at home would let me go to a group');

    // The workbook (an auditor may download it once scoring has started).
    const auditor = await t.tokenFor('auditor@demo.test');
    const file = await download(t, `/api/rounds/${roundId}/workbook.xlsx`, auditor).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const text: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text)))));
    const all = text.join('\n');
    const method = book.getWorksheet(SHEET.method)!;
    const methodText: string[] = [];
    method.eachRow((row) => row.eachCell((cell) => methodText.push(String(cell.text))));
    expect(methodText.join('\n')).toContain(`${shared}: "Someone older who has been there, like a big sister" (YP-WEST)`);
    expect(methodText.join('\n')).toContain('"Being listened to is the main thing" (YOUNG-PARTNERS)');
    expect(all).not.toContain('Nobody at home would let me go to a group');
    // (The Audit sheet records the citation change by statement ids; the words never leave.)
    expect(methodText.join('\n')).not.toContain(secret);
    for (const name of ['Jordan', 'Aisha', 'Kai']) expect(all).not.toMatch(new RegExp(`\\b${name}\\b`));

    // Consent withdrawn later: the scoring view follows at once; only a commissioner records it, with a reason.
    await t.http().put(`/api/statements/${shared}/consent`).set(bearer(tokens['yp1@demo.test'])).send({ consent: false, reason: 'The group asked us to stop using it' }).expect(403);
    await t.http().put(`/api/statements/${shared}/consent`).set(bearer(lead)).send({ consent: false }).expect(400);
    await t.http().put(`/api/statements/${shared}/consent`).set(bearer(lead)).send({ consent: false, reason: 'The group asked us to stop using it' }).expect(200);
    const after = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(tokens['yp1@demo.test'])).expect(200)).body;
    expect(after.bids[0].questions.find((q: { key: string }) => q.key === 'Q2').fromYoungPeople.map((s: { text: string }) => s.text)).toEqual(['Being listened to is the main thing']);
    expect(await auditTypes()).toContain('statement.consent_changed');
  });

  it('pages: a young partner sends a statement in plain words; the commissioner accepts, imports a CSV and cites from the round page', async () => {
    t.clock.set(new Date()); // (the round before moved the clock past its deadline)
    await publishedRound(t); // YP1 sits as a young partner
    const young = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);
    const form = (await t.http().get('/statements').set('Cookie', young.cookieHeader()).expect(200)).text;
    expect(form).toContain('Tell us what young people said');
    const main = form.slice(form.indexOf('<main'), form.indexOf('</main>')).replace(/<[^>]+>/g, ' ');
    expect(main).not.toMatch(/\b(bid|panel|round|procurement)s?\b/i);
    const refused = await t.http().post('/statements').type('form').set('Cookie', young.cookieHeader()).send({ _csrf: young.csrfToken, text: '', consent: 'yes' }).expect(400);
    expect(refused.text).toContain('What was said');
    await t.http().post('/statements').type('form').set('Cookie', young.cookieHeader()).send({ _csrf: young.csrfToken, text: 'Youth clubs should stay open late on Fridays', themes: 'safety, places', consent: 'yes' }).expect(303);
    expect((await t.http().get('/statements').set('Cookie', young.cookieHeader()).expect(200)).text).toContain('Waiting to be checked');

    const commissioner = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const library = (await t.http().get('/statements').set('Cookie', commissioner.cookieHeader()).expect(200)).text;
    const waiting = /action="\/statements\/([0-9a-f-]{36})\/accept"/.exec(library);
    expect(library).toContain('Youth clubs should stay open late on Fridays');
    await t.http().post(`/statements/${waiting![1]}/accept`).type('form').set('Cookie', young.cookieHeader()).send({ _csrf: young.csrfToken }).expect(403);
    await t.http().post(`/statements/${waiting![1]}/accept`).type('form').set('Cookie', commissioner.cookieHeader()).send({ _csrf: commissioner.csrfToken }).expect(303);
    expect((await t.http().get('/statements?theme=places').set('Cookie', commissioner.cookieHeader()).expect(200)).text).toMatch(/Youth clubs should stay open late on Fridays<\/q> <span class="badge">from a young partner/);

    // The file upload carries its CSRF token in the multipart body: without it, refused.
    await t.http().post('/statements/import-csv').set('Cookie', commissioner.cookieHeader()).field('title', 'Forged').attach('file', Buffer.from('statement\nForged statement here\n'), 'forged.csv').expect(403);
    await t.http().post('/statements/import-csv').set('Cookie', commissioner.cookieHeader())
      .field('_csrf', commissioner.csrfToken).field('title', 'Summer listening session').field('heldOn', '2026-08-20').field('ranBy', 'Youth workers').field('participants', '9')
      .attach('file', Buffer.from('statement,themes,group,consent\nI want a worker who stays the same,trust,YP-SUMMER,yes\n'), { filename: 'summer.csv', contentType: 'text/csv' }).expect(303);
    expect((await t.http().get('/statements?theme=trust').set('Cookie', commissioner.cookieHeader()).expect(200)).text).toContain('Summer listening session, 2026-08-20, run by Youth workers, 9 took part');

    const summer = (await search(lead, '?theme=trust')).find((x) => x.text === 'I want a worker who stays the same')!;
    await t.http().post(`/statements/${summer.id}/consent`).type('form').set('Cookie', commissioner.cookieHeader()).send({ _csrf: commissioner.csrfToken, consent: 'no', reason: '' }).expect(400);
    await t.http().post(`/statements/${summer.id}/consent`).type('form').set('Cookie', commissioner.cookieHeader()).send({ _csrf: commissioner.csrfToken, consent: 'no', reason: 'The group changed its mind' }).expect(303);
    expect((await search(lead, '?theme=trust')).find((x) => x.id === summer.id)).toMatchObject({ consent: false });

    const roundId = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id as string;
    const roundPage = (await t.http().get(`/rounds/${roundId}`).set('Cookie', commissioner.cookieHeader()).expect(200)).text;
    expect(roundPage).toContain('What young people said');
    expect(roundPage).toContain('Not answered by any question yet');
    const statementId = (await search(lead, '?theme=places'))[0].id;
    await t.http().post(`/rounds/${roundId}/questions/Q2/statements`).type('form').set('Cookie', commissioner.cookieHeader()).send({ _csrf: commissioner.csrfToken, statementIds: statementId }).expect(303);
    const coverage = (await t.http().get(`/api/rounds/${roundId}/statement-coverage`).set(bearer(lead)).expect(200)).body;
    expect(coverage.questions.find((q: { key: string }) => q.key === 'Q2').statements.map((s: { id: string }) => s.id)).toEqual([statementId]);
    expect(coverage.uncited.map((s: { id: string }) => s.id)).not.toContain(statementId);
  });
});
