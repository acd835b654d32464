import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { signInPage } from './support/accounts.js';
import { bearer, download, publishedRound } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// Import bids from a spreadsheet (issue 15, part 2): a template made from the round, the whole file
// checked with every problem named by row and column, nothing saved until a clean file is confirmed,
// then every bid in one transaction with one audit event each; refused after the tender deadline.

const PUBLISHED = new Date('2029-06-01T09:00:00Z');
const DEADLINE = '2029-06-30T12:00:00.000Z';
const IMPORTING = new Date('2029-06-20T09:00:00Z');
const TEN_PROBLEMS = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'bid-import', 'ten-problems.csv'));

describe('bid import', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t.close());

  /** A round (Q1, Q2, SV1 and a price) published on 1 June 2029, deadline 30 June, the clock at 20 June. */
  async function round() {
    t.clock.set(PUBLISHED);
    const { roundId, lead } = await publishedRound(t, { timetable: { tenderDeadline: DEADLINE } });
    t.clock.set(IMPORTING);
    return { roundId, lead };
  }
  const check = (roundId: string, token: string, fileName: string, content: Buffer) =>
    t.http().post(`/api/rounds/${roundId}/bid-import/check`).set(bearer(token)).send({ fileName, content: content.toString('base64') });
  const bids = async (roundId: string, token: string) => (await t.http().get(`/api/rounds/${roundId}/bids`).set(bearer(token)).expect(200)).body as { supplierName: string; price: string; receivedAt: string; responses: Record<string, string> }[];

  it('the xlsx template round-trips: headings with the question text in notes; filled in, checked clean, confirmed, one audit event per bid', async () => {
    const { roundId, lead } = await round();
    const file = await download(t, `/api/rounds/${roundId}/bid-import/template.xlsx`, lead).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const sheet = book.worksheets[0];
    const headings = (sheet.getRow(1).values as string[]).slice(1);
    expect(headings).toEqual(['Supplier name', 'Price (£)', 'Received at (UTC)', 'Q1', 'Q2', 'SV1']);
    expect(String(sheet.getRow(1).getCell(4).note)).toContain('Describe your approach.');
    expect(String(sheet.getRow(1).getCell(5).note)).toContain('How will young people feel safe and listened to?');

    sheet.addRow(['Alpha CIC', 100000, new Date('2029-06-10T09:00:00Z'), 'Mentors in every school', 'Young people choose where we meet', 'Local hiring']);
    sheet.addRow(['Beta Trust', '120000.50', '2029-06-11T10:30:00Z', 'Detached youth work', 'A youth board', 'Apprenticeships']);
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const preview = (await check(roundId, lead, 'bids.xlsx', filled).expect(200)).body;
    expect(preview).toMatchObject({ clean: true, format: 'xlsx', rows: 2, problemCount: 0, problems: [] });
    expect(preview.bids.map((b: { row: number; supplierName: string; price: string }) => [b.row, b.supplierName, b.price])).toEqual([[2, 'Alpha CIC', '100000'], [3, 'Beta Trust', '120000.50']]);
    expect(await bids(roundId, lead)).toEqual([]); // checked, not saved

    expect((await t.http().post(`/api/rounds/${roundId}/bid-import/${preview.uploadId}/confirm`).set(bearer(lead)).expect(201)).body.imported).toBe(2);
    const registered = await bids(roundId, lead);
    expect(registered.map((b) => [b.supplierName, b.price, b.receivedAt, b.responses.Q2])).toEqual([
      ['Alpha CIC', '100000', '2029-06-10T09:00:00.000Z', 'Young people choose where we meet'],
      ['Beta Trust', '120000.50', '2029-06-11T10:30:00.000Z', 'A youth board'],
    ]);
    const trail = (await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(lead)).expect(200)).body as { type: string; payload: { supplierName?: string; importedFrom?: { uploadSha256: string; row: number } } }[];
    const registrations = trail.filter((e) => e.type === 'bid.registered');
    expect(registrations.map((e) => [e.payload.supplierName, e.payload.importedFrom?.row])).toEqual([['Alpha CIC', 2], ['Beta Trust', 3]]);
    expect(registrations[0].payload.importedFrom?.uploadSha256).toBe(preview.sha256);
    // A confirmed upload is used up.
    await t.http().post(`/api/rounds/${roundId}/bid-import/${preview.uploadId}/confirm`).set(bearer(lead)).expect(404);
  });

  it('the csv template round-trips (question text after the key in each heading)', async () => {
    const { roundId, lead } = await round();
    const template = (await t.http().get(`/api/rounds/${roundId}/bid-import/template.csv`).set(bearer(lead)).expect(200)).text;
    expect(template.split('\n')[0]).toBe('Supplier name,Price (£),Received at (UTC),Q1: Describe your approach.,Q2: How will young people feel safe and listened to?,SV1: Local employment.');
    const filled = template + stringify([['Gamma, "the youth people" Ltd', '99000', '2029-06-12T08:00:00Z', 'Line one\nline two', 'Safe spaces', 'Local jobs']]);
    const preview = (await check(roundId, lead, 'bids.csv', Buffer.from(filled)).expect(200)).body;
    expect(preview).toMatchObject({ clean: true, format: 'csv', rows: 1 });
    await t.http().post(`/api/rounds/${roundId}/bid-import/${preview.uploadId}/confirm`).set(bearer(lead)).expect(201);
    const [bid] = await bids(roundId, lead);
    expect([bid.supplierName, bid.responses.Q1]).toEqual(['Gamma, "the youth people" Ltd', 'Line one\nline two']);
  });

  it('a file with ten different problems reports all ten with row, column and reason, and saves nothing', async () => {
    const { roundId, lead } = await round();
    await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Existing Bidder Ltd', price: '98000', responses: { Q1: 'a', Q2: 'b', SV1: 'c' }, receivedAt: '2029-06-05T09:00:00Z' }).expect(201);
    const auditBefore = (await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(lead)).expect(200)).body.length;
    const history = (await t.http().get(`/api/rounds/${roundId}/history`).set(bearer(lead)).expect(200)).body as { to: string; at: string }[];
    const publishedAt = history.find((h) => h.to === 'tendering')!.at;
    const preview = (await check(roundId, lead, 'ten-problems.csv', TEN_PROBLEMS).expect(200)).body;
    expect(preview.clean).toBe(false);
    expect(preview.uploadId).toBeNull();
    expect(preview.problemCount).toBe(10);
    expect(preview.problems.map((p: { row: number; column: string | null; reason: string }) => [p.row, p.column, p.reason])).toEqual([
      [1, 'G', '"Q9" is not a column of this round\'s template (unknown question or heading)'],
      [3, 'A', 'The supplier name is missing'],
      [4, 'B', '"about 90k" is not a price in pounds such as 1745000.00'],
      [5, 'B', 'The price must be more than zero'],
      [6, 'C', '"yesterday" is not a date and time such as 2027-02-10T14:30:00Z'],
      [7, 'C', `Received after the tender deadline (${DEADLINE})`],
      [8, 'C', `Received before the round was published (${publishedAt})`],
      [9, 'E', 'The answer to Q2 is missing'],
      [10, 'A', 'Alpha CIC already has a bid on row 2'],
      [11, 'A', 'A bid from Existing Bidder Ltd is already registered'],
    ]);
    expect((await bids(roundId, lead)).map((b) => b.supplierName)).toEqual(['Existing Bidder Ltd']);
    expect((await t.http().get(`/api/rounds/${roundId}/audit?limit=1000`).set(bearer(lead)).expect(200)).body.length).toBe(auditBefore);
  });

  it('the confirmation checks again: a file that no longer passes (a bid registered by hand meanwhile) saves nothing', async () => {
    const { roundId, lead } = await round();
    const file = stringify([['Supplier name', 'Price', 'Received at', 'Q1', 'Q2', 'SV1'], ['Alpha CIC', '100', '2029-06-10T09:00:00Z', 'a', 'b', 'c'], ['Beta Trust', '120', '2029-06-10T09:00:00Z', 'a', 'b', 'c']]);
    const preview = (await check(roundId, lead, 'bids.csv', Buffer.from(file)).expect(200)).body;
    expect(preview.clean).toBe(true);
    await t.http().post(`/api/rounds/${roundId}/bids`).set(bearer(lead)).send({ supplierName: 'Beta Trust', price: '120', responses: { Q1: 'a', Q2: 'b', SV1: 'c' } }).expect(201);
    const refused = await t.http().post(`/api/rounds/${roundId}/bid-import/${preview.uploadId}/confirm`).set(bearer(lead)).expect(422);
    expect(JSON.stringify(refused.body)).toContain('Row 3, column A (Supplier name): A bid from Beta Trust is already registered');
    expect((await bids(roundId, lead)).map((b) => b.supplierName)).toEqual(['Beta Trust']);
  });

  it('is refused after the tender deadline, for anyone but the lead, and for a file that is not a spreadsheet', async () => {
    const { roundId, lead } = await round();
    const file = Buffer.from(stringify([['Supplier name', 'Price', 'Received at', 'Q1', 'Q2', 'SV1'], ['Alpha CIC', '100', '2029-06-10T09:00:00Z', 'a', 'b', 'c']]));
    const yp1 = await t.tokenFor('yp1@demo.test');
    await check(roundId, yp1, 'bids.csv', file).expect(403);
    expect((await check(roundId, lead, 'bids.xlsx', Buffer.from('not a workbook')).expect(422)).body.message).toContain('is not one (.xlsx)');
    const preview = (await check(roundId, lead, 'bids.csv', file).expect(200)).body;
    t.clock.set(new Date(new Date(DEADLINE).getTime() + 60_000));
    expect((await check(roundId, lead, 'bids.csv', file).expect(409)).body.message).toContain('tender deadline');
    expect((await t.http().post(`/api/rounds/${roundId}/bid-import/${preview.uploadId}/confirm`).set(bearer(lead)).expect(409)).body.message).toContain('tender deadline');
    expect(await bids(roundId, lead)).toEqual([]);
  });

  it('the lead uploads from the page, sees every problem, and confirms a clean file', async () => {
    const { roundId } = await round();
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    expect((await t.http().get(`/rounds/${roundId}`).set('Cookie', page.cookieHeader()).expect(200)).text).toContain(`/rounds/${roundId}/bid-import`);
    const bad = await t.http().post(`/rounds/${roundId}/bid-import`).set('Cookie', page.cookieHeader()).field('_csrf', page.csrfToken).attach('file', TEN_PROBLEMS, 'ten-problems.csv').expect(422);
    expect(bad.text.match(/<tr><td class="num">\d+<\/td>/g)!.length).toBeGreaterThanOrEqual(10);
    expect(bad.text).toContain('9 problems found: nothing has been saved'); // the ten-problem file less the bid already registered
    const clean = Buffer.from(stringify([['Supplier name', 'Price', 'Received at', 'Q1', 'Q2', 'SV1'], ['Alpha CIC', '100', '2029-06-10T09:00:00Z', 'a', 'b', 'c']]));
    const ok = await t.http().post(`/rounds/${roundId}/bid-import`).set('Cookie', page.cookieHeader()).field('_csrf', page.csrfToken).attach('file', clean, 'bids.csv').expect(200);
    expect(ok.text).toContain('Register these 1 bids');
    const action = /action="(\/rounds\/[^"]+\/confirm)"/.exec(ok.text)![1];
    await t.http().post(action).type('form').set('Cookie', page.cookieHeader()).send({ _csrf: page.csrfToken }).expect(303);
    const lead = await t.tokenFor('commissioner@demo.test');
    expect((await bids(roundId, lead)).map((b) => b.supplierName)).toEqual(['Alpha CIC']);
  });
});
