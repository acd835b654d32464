import { pdfText } from './support/pdf-text.js';
import { bearer, decidedRound, download, userId } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue 12, part 6: a record of involvement for each young partner, as a page and a PDF, that only
// they, commissioners and auditors can see.

describe('record of involvement', () => {
  let t: TestApp;
  let jordan: string;
  let roundTitle: string;
  beforeAll(async () => {
    t = await startTestApp();
    jordan = await userId(t, 'yp1@demo.test');
    const yp1 = await t.tokenFor('yp1@demo.test');
    // Jordan (YP1) checks the two young-partner questions, scores two compliant applications on them
    // (the third is excluded, so not assessed), and the group's marks are agreed: 2 bids x 2 questions.
    const round = await decidedRound(t, {
      bids: [{ supplierName: 'Alpha CIC', price: '100' }, { supplierName: 'Beta Trust', price: '120' }, { supplierName: 'Gamma Ltd', price: '90', excluded: 'No safeguarding policy attached' }],
      mark: () => 3,
      whileDraft: async (roundId) => {
        for (const key of ['Q1', 'Q2']) await t.http().put(`/api/rounds/${roundId}/questions/${key}/check`).set(bearer(yp1)).send({ verdict: 'clear' }).expect(200);
      },
    });
    roundTitle = (await t.http().get(`/api/rounds/${round.roundId}`).set(bearer(round.lead)).expect(200)).body.title;
  }, 120_000);
  afterAll(() => t.close());

  it('lists the pieces of work, roles, dates and counts, and the skills, in plain words', async () => {
    const yp1 = await t.tokenFor('yp1@demo.test');
    const record = (await t.http().get(`/api/young-partners/${jordan}/involvement`).set(bearer(yp1)).expect(200)).body;
    expect(record).toMatchObject({ userId: jordan, name: 'Jordan', applications: 2, questions: 2 });
    expect(record.work).toHaveLength(1);
    const [work] = record.work;
    expect(work).toMatchObject({ title: roundTitle, applications: 2, questions: 2 });
    expect(work.from <= work.to).toBe(true);
    expect(work.roles.map((r: { label: string; what: string }) => [r.label, r.what])).toEqual([
      ['Question review', 'Checked 2 questions before they were published, saying whether each was clear or suggesting better words.'],
      ['Scoring', "Read and scored 2 organisations' applications against 2 questions, writing a reason for every mark."],
      ['Moderation', "Discussed marks with the other young partners and agreed the group's marks (4 marks)."],
    ]);
    expect(record.skills).toEqual(expect.arrayContaining(['Assessing written proposals against set criteria', 'Working in a team to reach agreement', 'Reviewing written documents for clarity']));
  });

  it('downloads as a PDF that says the same', async () => {
    const yp1 = await t.tokenFor('yp1@demo.test');
    const response = await download(t, `/api/young-partners/${jordan}/involvement.pdf`, yp1).expect(200);
    expect(response.headers['content-type']).toContain('application/pdf');
    expect(response.headers['content-disposition']).toContain('record-of-involvement-jordan.pdf');
    const text = (await pdfText(response.body)).replace(/\s+/g, ' ');
    expect(text).toContain('Record of involvement');
    expect(text).toContain('Jordan, young partner');
    expect(text).toContain(roundTitle);
    expect(text).toContain("Scoring: Read and scored 2 organisations' applications against 2 questions");
    expect(text).toContain('Question review: Checked 2 questions before they were published');
    expect(text).toContain("1 piece of work; 2 organisations' applications assessed; 2 questions scored.");
    expect(text).toContain('Working in a team to reach agreement');
  });

  it('only they, commissioners and auditors see it; anyone else gets 404, as for a record that does not exist', async () => {
    for (const email of ['commissioner@demo.test', 'auditor@demo.test']) {
      const token = await t.tokenFor(email);
      await t.http().get(`/api/young-partners/${jordan}/involvement`).set(bearer(token)).expect(200);
      await t.http().get(`/api/young-partners/${jordan}/involvement.pdf`).set(bearer(token)).expect(200);
    }
    for (const email of ['yp2@demo.test', 'clinician@demo.test', 'safeguarding@demo.test', 'admin@demo.test']) {
      const token = await t.tokenFor(email);
      const refused = await t.http().get(`/api/young-partners/${jordan}/involvement`).set(bearer(token)).expect(404);
      expect(JSON.stringify(refused.body)).not.toContain('Jordan');
      await t.http().get(`/api/young-partners/${jordan}/involvement.pdf`).set(bearer(token)).expect(404);
    }
    // Another young partner (Aisha, on no panel here) has her own, empty, record.
    const yp2 = await t.tokenFor('yp2@demo.test');
    const aisha = await userId(t, 'yp2@demo.test');
    expect((await t.http().get(`/api/young-partners/${aisha}/involvement`).set(bearer(yp2)).expect(200)).body).toMatchObject({ name: 'Aisha', work: [], applications: 0 });
    await t.http().get('/api/young-partners/00000000-0000-4000-8000-000000000000/involvement').set(bearer(await t.tokenFor('commissioner@demo.test'))).expect(404);
    // The list of young partners is for commissioners and auditors.
    await t.http().get('/api/young-partners').set(bearer(yp2)).expect(403);
    const list = (await t.http().get('/api/young-partners').set(bearer(await t.tokenFor('auditor@demo.test'))).expect(200)).body;
    expect(list.map((y: { name: string }) => y.name)).toContain('Jordan');
  });
});
