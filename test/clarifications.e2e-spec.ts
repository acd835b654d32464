import ExcelJS from 'exceljs';
import { SHEET } from '../src/exports/sheets/sheet-names.js';
import { signInPage } from './support/accounts.js';
import { bearer, download, publishedRound, roundDefinition, roundInScoring } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// Clarifications (issue 15, part 3): bidders' questions during tendering and the answers shared with
// every bidder; a published answer is only ever superseded; the panel reads them beside the questions,
// never who asked; the workbook and the evidence page carry the log.

const HOUR = 3600 * 1000;
const ASKER = 'Brightside Youth Collective';

describe('clarifications', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());
  // Each test starts at the real time (the clock runs on from where a test sets it).
  beforeEach(() => t.clock.set(new Date()));

  const api = (roundId: string) => `/api/rounds/${roundId}/clarifications`;
  const auditTypes = async (roundId: string, token: string) =>
    (await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(token)).expect(200)).body.map((e: { type: string }) => e.type) as string[];

  it('the clarification deadline is part of the timetable and must come before the tender deadline', async () => {
    const lead = await t.tokenFor('commissioner@demo.test');
    const tenderDeadline = new Date(Date.now() + 14 * 24 * HOUR).toISOString();
    const late = await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ timetable: { tenderDeadline, clarificationDeadline: tenderDeadline } })).expect(422);
    expect(JSON.stringify(late.body)).toContain('clarification deadline must come before the tender deadline');
    const bad = await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ timetable: { tenderDeadline, clarificationDeadline: 'next Tuesday' } })).expect(400);
    expect(JSON.stringify(bad.body)).toContain('clarificationDeadline');
    const clarificationDeadline = new Date(Date.now() + 7 * 24 * HOUR).toISOString();
    const round = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition({ timetable: { tenderDeadline, clarificationDeadline } })).expect(201)).body;
    expect(round.timetable.clarificationDeadline).toBe(clarificationDeadline);
  });

  it('record, publish, refuse edits once published, supersede (audited); refused after the clarification deadline or for an unknown question', async () => {
    const now = Date.now();
    const { roundId, lead } = await publishedRound(t, { timetable: { tenderDeadline: new Date(now + 14 * 24 * HOUR).toISOString(), clarificationDeadline: new Date(now + 7 * 24 * HOUR).toISOString() } });
    const receivedAt = new Date(t.clock.now().getTime() - HOUR).toISOString();
    const draft = (await t.http().post(api(roundId)).set(bearer(lead)).send({ question: 'Can the service run from two sites?', receivedAt, questionKey: 'Q1', askedBy: ASKER }).expect(201)).body;
    expect(draft).toMatchObject({ reference: 'C1', status: 'draft', askedBy: ASKER, answer: null, publishedAt: null });

    // Not answered yet: cannot be published. A draft can be corrected.
    expect((await t.http().post(`${api(roundId)}/${draft.id}/publish`).set(bearer(lead)).send({}).expect(422)).body.message).toContain('needs an answer');
    await t.http().put(`${api(roundId)}/${draft.id}`).set(bearer(lead)).send({ question: 'Can the service run from two sites?', receivedAt, questionKey: 'Q1', askedBy: ASKER, answer: 'Yes, from up to three sites.' }).expect(200);
    const before = t.clock.now().toISOString();
    const published = (await t.http().post(`${api(roundId)}/${draft.id}/publish`).set(bearer(lead)).send({}).expect(200)).body;
    expect(published).toMatchObject({ status: 'published', answer: 'Yes, from up to three sites.' });
    expect(published.publishedAt >= before && published.publishedAt <= t.clock.now().toISOString()).toBe(true);

    // Published: never edited, only superseded (with a reason).
    const edit = await t.http().put(`${api(roundId)}/${draft.id}`).set(bearer(lead)).send({ question: 'Changed', receivedAt, answer: 'A different answer' }).expect(409);
    expect(edit.body.message).toContain('only superseded');
    await t.http().post(`${api(roundId)}/${draft.id}/supersede`).set(bearer(lead)).send({ answer: 'Yes, from up to two sites.' }).expect(400);
    const replacement = (await t.http().post(`${api(roundId)}/${draft.id}/supersede`).set(bearer(lead)).send({ answer: 'Yes, from up to two sites.', reason: 'The first answer misquoted the specification', changesTenderDocuments: true }).expect(201)).body;
    expect(replacement).toMatchObject({ reference: 'C2', status: 'published', supersedes: 'C1', questionKey: 'Q1', changesTenderDocuments: true });
    await t.http().post(`${api(roundId)}/${draft.id}/supersede`).set(bearer(lead)).send({ answer: 'Again', reason: 'Trying to supersede twice' }).expect(409);
    const log = (await t.http().get(api(roundId)).set(bearer(lead)).expect(200)).body;
    expect(log.map((c: { reference: string; status: string; supersededBy: string | null }) => [c.reference, c.status, c.supersededBy])).toEqual([['C1', 'superseded', 'C2'], ['C2', 'published', null]]);

    // Refusals name the field.
    const unknown = await t.http().post(api(roundId)).set(bearer(lead)).send({ question: 'About a question that does not exist', receivedAt, questionKey: 'Q9' }).expect(422);
    expect(unknown.body.details?.field ?? JSON.stringify(unknown.body)).toContain('questionKey');
    t.clock.set(new Date(now + 8 * 24 * HOUR));
    const late = await t.http().post(api(roundId)).set(bearer(lead)).send({ question: 'A question after the clarification deadline', receivedAt: new Date(now + 7 * 24 * HOUR + 60_000).toISOString() }).expect(422);
    expect(late.body.message).toContain('after the clarification deadline');

    // Only the lead records; the trail has every step, and never who asked.
    const yp1 = await t.tokenFor('yp1@demo.test');
    await t.http().post(api(roundId)).set(bearer(yp1)).send({ question: 'A panellist trying to record', receivedAt }).expect(403);
    const auditor = await t.tokenFor('auditor@demo.test');
    expect(await auditTypes(roundId, auditor)).toEqual(expect.arrayContaining(['clarification.recorded', 'clarification.changed', 'clarification.published', 'clarification.superseded']));
    const trail = JSON.stringify((await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(auditor)).expect(200)).body);
    expect(trail).not.toContain(ASKER);
    const verify = (await t.http().get(`/api/rounds/${roundId}/audit/verify`).set(bearer(auditor)).expect(200)).body;
    expect(verify.data.valid).toBe(true);
  });

  it('the panel sees published clarifications beside the questions when scoring, never drafts or who asked; the workbook and the evidence page carry the log', async () => {
    let roundId = '';
    const { lead, tokens } = await roundInScoring(t, [{ supplierName: 'Alpha CIC', price: '100000' }, { supplierName: 'Beta Trust', price: '120000' }], {}, undefined, undefined, async (id, leadToken) => {
      roundId = id;
      const receivedAt = new Date(t.clock.now().getTime() - HOUR).toISOString();
      const c1 = (await t.http().post(api(id)).set(bearer(leadToken)).send({ question: 'Is a waiting list allowed?', receivedAt, questionKey: 'Q1', askedBy: ASKER, answer: 'No: every referral is seen within ten days.' }).expect(201)).body;
      await t.http().post(`${api(id)}/${c1.id}/publish`).set(bearer(leadToken)).send({}).expect(200);
      const general = (await t.http().post(api(id)).set(bearer(leadToken)).send({ question: 'Is TUPE expected to apply?', receivedAt, askedBy: ASKER, answer: 'No staff transfer is expected.' }).expect(201)).body;
      await t.http().post(`${api(id)}/${general.id}/publish`).set(bearer(leadToken)).send({}).expect(200);
      await t.http().post(api(id)).set(bearer(leadToken)).send({ question: 'A draft the panel must not see', receivedAt, questionKey: 'Q1', answer: 'Still being drafted by the team' }).expect(201);
    });
    const yp1 = tokens['yp1@demo.test'];

    // The panel's view of the log: published only, no asker.
    const panelLog = (await t.http().get(api(roundId)).set(bearer(yp1)).expect(200)).body;
    expect(panelLog.map((c: { reference: string }) => c.reference)).toEqual(['C1', 'C2']);
    expect(JSON.stringify(panelLog)).not.toContain(ASKER);
    expect(panelLog[0]).not.toHaveProperty('askedBy');

    // Beside the question on the scoring page (API and page).
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring`).set(bearer(yp1)).expect(200)).body;
    const q1 = mine.bids[0].questions.find((q: { key: string }) => q.key === 'Q1');
    expect(q1.clarifications.map((c: { reference: string; answer: string }) => [c.reference, c.answer])).toEqual([['C1', 'No: every referral is seen within ten days.']]);
    expect(mine.bids[0].questions.find((q: { key: string }) => q.key === 'Q2').clarifications).toEqual([]);
    expect(mine.generalClarifications.map((c: { reference: string }) => c.reference)).toEqual(['C2']);
    expect(JSON.stringify(mine)).not.toContain(ASKER);
    expect(JSON.stringify(mine)).not.toContain('must not see');
    const page = await signInPage(t, 'yp1@demo.test', DEMO.demoPassword);
    const html = (await t.http().get(`/rounds/${roundId}/score/bids/${mine.bids[0].bidId}`).set('Cookie', page.cookieHeader()).expect(200)).text;
    expect(html).toContain('No: every referral is seen within ten days.');
    expect(html).toContain('Extra information every organisation was given');
    expect(html).not.toContain(ASKER);

    // Clarifications are recorded only while tendering.
    await t.http().post(api(roundId)).set(bearer(lead)).send({ question: 'Too late for this one', receivedAt: new Date(t.clock.now().getTime() - HOUR).toISOString() }).expect(409);

    // The workbook's Clarifications sheet: the whole log, never who asked.
    const auditor = await t.tokenFor('auditor@demo.test');
    const file = await download(t, `/api/rounds/${roundId}/workbook.xlsx`, auditor).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const rows = (book.getWorksheet(SHEET.clarifications)!.getSheetValues() as unknown[][]).filter((r) => Array.isArray(r) && /^C\d$/.test(String(r[1])));
    expect(rows.map((r) => [r[1], r[2], r[8]])).toEqual([['C1', 'Q1', 'published'], ['C2', 'whole tender', 'published'], ['C3', 'Q1', 'draft']]);
    const everything: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => everything.push(String(cell.text)))));
    expect(everything.join('\n')).not.toContain(ASKER);

    // The auditor's evidence page lists them, with who asked (the lead and auditors only).
    const auditorPage = await signInPage(t, 'auditor@demo.test', DEMO.demoPassword);
    const evidence = (await t.http().get(`/rounds/${roundId}/evidence`).set('Cookie', auditorPage.cookieHeader()).expect(200)).text;
    expect(evidence.match(/data-testid="evidence-clarification"/g)).toHaveLength(3);
    expect(evidence).toContain('Is TUPE expected to apply?');
  }, 120_000); // a whole round to scoring, a workbook and two pages: time on a loaded machine

  it('the lead keeps the log from the clarifications page', async () => {
    const { roundId } = await publishedRound(t);
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    const form = (await t.http().get(`/rounds/${roundId}/clarifications`).set('Cookie', page.cookieHeader()).expect(200)).text;
    expect(form).toContain('Record a question');
    const refused = await t.http().post(`/rounds/${roundId}/clarifications`).type('form').set('Cookie', page.cookieHeader()).send({ _csrf: page.csrfToken, question: '', receivedAt: '' }).expect(400);
    expect(refused.text).toContain('Question');
    const at = new Date(t.clock.now().getTime() - HOUR).toISOString().slice(0, 16);
    await t.http().post(`/rounds/${roundId}/clarifications`).type('form').set('Cookie', page.cookieHeader()).send({ _csrf: page.csrfToken, question: 'Can we bid as a consortium?', receivedAt: at, questionKey: '', askedBy: ASKER, answer: 'Yes, with a named lead organisation.' }).expect(303);
    const log = (await t.http().get(`/rounds/${roundId}/clarifications`).set('Cookie', page.cookieHeader()).expect(200)).text;
    expect(log).toContain('Can we bid as a consortium?');
    const id = /id="c-([0-9a-f-]{36})"/.exec(log)![1];
    await t.http().post(`/rounds/${roundId}/clarifications/${id}/publish`).type('form').set('Cookie', page.cookieHeader()).send({ _csrf: page.csrfToken, publishedAt: '' }).expect(303);
    const after = (await t.http().get(`/rounds/${roundId}/clarifications?notice=published`).set('Cookie', page.cookieHeader()).expect(200)).text;
    expect(after).toContain('data-status="published"');
    expect(after).toContain('Correct this answer (supersede)');
  });
});
