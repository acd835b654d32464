import { parse } from 'node-html-parser';
import { bearer, roundInScoring } from './support/rounds.js';
import { startTestApp, TestApp } from './support/test-app.js';

interface Cell { bidId: string; criterionId: string; group: string; marks: { panelCode: string; mark: number }[] }

describe('moderation a page of bids at a time', () => {
  let t: TestApp;
  let start: Date;
  beforeAll(async () => {
    t = await startTestApp();
    start = t.clock.now();
  });
  afterAll(() => t.close());

  it('returns every cell exactly once across the pages, each with its own marks, and the round totals on every page', async () => {
    const suppliers = ['Alpha CIC', 'Beta Trust', 'Gamma Youth', 'Delta Care', 'Epsilon Works'];
    const round = await roundInScoring(t, [...suppliers.map((supplierName, i) => ({ supplierName, price: String(100 + i) })), { supplierName: 'Zeta Ltd', price: '90', excluded: 'Missed the safeguarding certificate' }]);
    const { roundId, lead, tokens, bidIds } = round;
    const detail = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
    const questions = detail.criteria.flatMap((s: { questions: { key: string; id: string }[] }) => s.questions).filter((q: { key: string }) => ['Q1', 'SV1'].includes(q.key));
    // P1 marks every bid differently, so a cell showing another bid's marks would be seen.
    for (const [i, bidId] of bidIds.slice(0, 5).entries()) {
      for (const q of questions) {
        await t.http().put(`/api/rounds/${roundId}/bids/${bidId}/scores/${q.id}`).set(bearer(tokens['clinician@demo.test'])).send({ mark: i % 5, justification: `Mark ${i % 5} for bid ${i}` }).expect(200);
      }
    }
    await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens['clinician@demo.test'])).expect(200);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING', reason: 'The panel agreed to close for this test' }).expect(200);

    const whole = (await t.http().get(`/api/rounds/${roundId}/moderation?perPage=50`).set(bearer(lead)).expect(200)).body;
    expect(whole).toMatchObject({ page: 1, pages: 1, bids: 5, cells: 5 * 4 });
    expect(whole.items).toHaveLength(20);

    const seen: Cell[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await t.http().get(`/api/rounds/${roundId}/moderation?page=${page}&perPage=2`).set(bearer(lead)).expect(200)).body;
      expect(body).toMatchObject({ page, perPage: 2, pages: 3, bids: 5, cells: 20, agreed: 0, outstanding: 20 });
      expect(new Set(body.items.map((c: Cell) => c.bidId)).size).toBe(page < 3 ? 2 : 1);
      seen.push(...body.items);
    }
    const key = (c: Cell) => `${c.bidId}/${c.criterionId}/${c.group}`;
    expect(seen).toHaveLength(20);
    expect(new Set(seen.map(key)).size).toBe(20);
    expect(new Set(seen.map(key))).toEqual(new Set(whole.items.map(key)));
    const byKey = new Map(whole.items.map((c: Cell) => [key(c), c]));
    for (const cell of seen) expect(cell).toEqual(byKey.get(key(cell)));
    expect(seen.some((c) => bidIds[5] === c.bidId)).toBe(false); // the excluded bid is never a cell
    for (const [i, bidId] of bidIds.slice(0, 5).entries()) {
      expect(seen.filter((c) => c.bidId === bidId).flatMap((c) => c.marks)).toEqual([{ panelCode: expect.any(String), mark: i % 5, justification: `Mark ${i % 5} for bid ${i}`, savedAt: expect.any(String) }, { panelCode: expect.any(String), mark: i % 5, justification: `Mark ${i % 5} for bid ${i}`, savedAt: expect.any(String) }]);
    }

    // Without reasons: the same cells and marks, no justification read or sent.
    const lean = (await t.http().get(`/api/rounds/${roundId}/moderation?perPage=50&reasons=false`).set(bearer(lead)).expect(200)).body;
    expect(lean.items.map(key).sort()).toEqual(whole.items.map(key).sort());
    expect(lean.items.flatMap((c: Cell) => c.marks)).toHaveLength(10);
    for (const m of lean.items.flatMap((c: Cell) => c.marks)) expect(Object.keys(m).sort()).toEqual(['mark', 'panelCode', 'savedAt']);
    // One cell with its reasons, by bidId, criterionId and group (all three, or a 400 naming the missing ones).
    const target = whole.items.find((c: Cell) => c.bidId === bidIds[3] && c.marks.length > 0) as Cell;
    const one = (await t.http().get(`/api/rounds/${roundId}/moderation?bidId=${target.bidId}&criterionId=${target.criterionId}&group=${target.group}`).set(bearer(lead)).expect(200)).body;
    expect(one).toMatchObject({ cells: 20, bids: 5, items: [target] });
    expect(one.items[0].marks.map((m: { justification: string }) => m.justification)).toEqual(['Mark 3 for bid 3']);
    const half = await t.http().get(`/api/rounds/${roundId}/moderation?bidId=${target.bidId}`).set(bearer(lead)).expect(400);
    expect(half.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['criterionId', 'group']);

    // The page shows one organisation at a time, with a pager: every cell exactly once across the pages, marks without reasons.
    const page = await t.http().get(`/rounds/${roundId}/moderation?page=2`).set(bearer(lead)).expect(200);
    expect(page.text).toContain('Organisations 2 to 2 of 5 (page 2 of 5)');
    const onPages: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const html = (await t.http().get(`/rounds/${roundId}/moderation?page=${n}`).set(bearer(lead)).expect(200)).text;
      expect(html).not.toMatch(/Mark \d for bid/);
      onPages.push(...[...html.matchAll(/<article class="cell[^"]*" id="cell-([^"]+)"/g)].map((m) => m[1]));
    }
    expect(onPages).toHaveLength(20);
    expect(new Set(onPages)).toEqual(new Set(whole.items.map((c: Cell) => `${c.bidId}-${c.criterionId}-${c.group}`)));
    // Each cell's own page carries its reasons, and no other cell's.
    const cellPage = (await t.http().get(`/rounds/${roundId}/moderation/${target.bidId}/${target.criterionId}/${target.group}?page=4`).set(bearer(lead)).expect(200)).text;
    expect(cellPage.match(/Mark 3 for bid 3/g)).toHaveLength(1);
    expect(cellPage).not.toMatch(/Mark [0124] for bid/);
    expect(cellPage).toContain(`href="/rounds/${roundId}/moderation?page=4#cell-${target.bidId}-${target.criterionId}-${target.group}"`);
    await t.http().get(`/rounds/${roundId}/moderation/${bidIds[5]}/${target.criterionId}/${target.group}`).set(bearer(lead)).expect(404); // the excluded bid
    await t.http().get(`/rounds/${roundId}/moderation/${target.bidId}/${target.criterionId}/nobody`).set(bearer(lead)).expect(404);

    expect((await t.http().get(`/api/rounds/${roundId}/moderation?page=4&perPage=2`).set(bearer(lead)).expect(200)).body.items).toEqual([]);
    const refused = await t.http().get(`/api/rounds/${roundId}/moderation?page=0&perPage=51`).set(bearer(lead)).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'perPage']);
  });

  it("my-scoring a page of organisations at a time: each of a panellist's organisations exactly once across the pages (API and pages), the progress over them all", async () => {
    t.clock.set(start); // the test above moved past its round's deadline
    const suppliers = ['Alpha CIC', 'Beta Trust', 'Gamma Youth', 'Delta Care', 'Epsilon Works'];
    const { roundId, tokens, bidIds } = await roundInScoring(t, [...suppliers.map((supplierName, i) => ({ supplierName, price: String(100 + i) })), { supplierName: 'Zeta Ltd', price: '90', excluded: 'Missed the safeguarding certificate' }]);
    const yp1 = bearer(tokens['yp1@demo.test']);
    // YP1 knows Delta Care: from then on it is not theirs to score, on any page.
    await t.http().post(`/api/rounds/${roundId}/conflicts`).set(yp1).send({ bidId: bidIds[3], interest: 'My cousin volunteers there' }).expect(200);
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring?perPage=50`).set(yp1).expect(200)).body;
    const questions = mine.bids[0].questions as { criterionId: string; key: string }[];
    expect(mine.bids.map((b: { supplierName: string }) => b.supplierName)).toEqual(['Alpha CIC', 'Beta Trust', 'Gamma Youth', 'Epsilon Works']);
    // One mark on Beta Trust, every mark on Epsilon Works: 1 + n of 4n answers (n questions per organisation).
    const n = questions.length;
    for (const q of questions.slice(0, 1)) await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[1]}/scores/${q.criterionId}`).set(yp1).send({ mark: 2, justification: `Beta on ${q.key}: clear plan` }).expect(200);
    for (const q of questions) await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[4]}/scores/${q.criterionId}`).set(yp1).send({ mark: 3, justification: `Epsilon on ${q.key}: named mentors` }).expect(200);

    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await t.http().get(`/api/rounds/${roundId}/my-scoring?page=${page}&perPage=2`).set(yp1).expect(200)).body;
      expect(body).toMatchObject({ page, perPage: 2, pages: 2, organisations: 4, progress: { scored: 1 + n, total: 4 * n } });
      expect(body.unfinished).toEqual([
        { bidId: bidIds[0], supplierName: 'Alpha CIC', left: n }, { bidId: bidIds[1], supplierName: 'Beta Trust', left: n - 1 }, { bidId: bidIds[2], supplierName: 'Gamma Youth', left: n },
      ]);
      for (const b of body.bids) expect(b.questions).toHaveLength(n);
      seen.push(...body.bids.map((b: { bidId: string }) => b.bidId));
      if (page === 2) {
        expect(body.bids.map((b: { scored: number; total: number }) => [b.scored, b.total])).toEqual([[0, n], [n, n]]);
        expect(body.bids[1].questions.map((q: { score: { justification: string } }) => q.score.justification)).toEqual(questions.map((q) => `Epsilon on ${q.key}: named mentors`));
      }
      if (page === 3) expect(body.bids).toEqual([]);
    }
    expect(seen).toEqual([bidIds[0], bidIds[1], bidIds[2], bidIds[4]]);
    // One organisation by bidId; one not theirs to score gives nothing.
    expect((await t.http().get(`/api/rounds/${roundId}/my-scoring?bidId=${bidIds[1]}`).set(yp1).expect(200)).body.bids.map((b: { scored: number }) => b.scored)).toEqual([1]);
    expect((await t.http().get(`/api/rounds/${roundId}/my-scoring?bidId=${bidIds[3]}`).set(yp1).expect(200)).body.bids).toEqual([]);
    const refused = await t.http().get(`/api/rounds/${roundId}/my-scoring?page=0&perPage=51&bidId=x`).set(yp1).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bidId', 'page', 'perPage']);

    // The pages: ten organisations a page, so here one page; the overview names each once, the check page shows what is left.
    const overview = (await t.http().get(`/rounds/${roundId}/score`).set(yp1).expect(200)).text;
    for (const name of ['Alpha CIC', 'Beta Trust', 'Gamma Youth', 'Epsilon Works']) expect(overview.match(new RegExp(`<div class="org-name">${name}`, 'g'))).toHaveLength(1);
    expect(overview).not.toContain('Delta Care');
    expect(overview).not.toContain('Pages of organisations');
    const check = (await t.http().get(`/rounds/${roundId}/score/check`).set(yp1).expect(200)).text;
    expect(check).toContain(`Nearly there: ${3 * n - 1} answers still to score.`);
    expect(check).toContain(`Beta Trust: ${n - 1} still to score`);
    const single = (await t.http().get(`/rounds/${roundId}/score/bids/${bidIds[4]}`).set(yp1).expect(200)).text;
    expect(single).toContain('Organisation 4 of 4');
    expect(single).toContain(`href="/rounds/${roundId}/score/bids/${bidIds[2]}"`); // previous: Gamma Youth
    expect(single).not.toContain('Alpha CIC approach'); // only this organisation's answers
    await t.http().get(`/rounds/${roundId}/score/bids/${bidIds[3]}`).set(yp1).expect(404);
  });

  it('the scoring pages go ten organisations a page: each organisation on exactly one page of the overview and of "Check and send"', async () => {
    t.clock.set(start);
    const names = Array.from({ length: 12 }, (_, i) => `Org ${String(i + 1).padStart(2, '0')} CIC`);
    const { roundId, tokens } = await roundInScoring(t, names.map((supplierName, i) => ({ supplierName, price: String(100 + i) })));
    const yp1 = bearer(tokens['yp1@demo.test']);
    // The organisations a page lists as its own (the check page's "still to score" banner names the first ten of any page).
    const onPages = async (path: string, listed: (name: string) => string) => {
      const seen: string[] = [];
      for (const page of [1, 2]) {
        const html = (await t.http().get(`/rounds/${roundId}${path}?page=${page}`).set(yp1).expect(200)).text;
        expect(html).toContain(page === 1 ? 'Organisations 1 to 10 of 12 (page 1 of 2).' : 'Organisations 11 to 12 of 12 (page 2 of 2).');
        seen.push(...names.filter((n) => html.includes(listed(n))));
      }
      return seen;
    };
    expect(await onPages('/score', (n) => `<div class="org-name">${n}`)).toEqual(names);
    expect(await onPages('/score/check', (n) => `<h2>${n}</h2>`)).toEqual(names);
    // The last organisation's own page knows where it stands among all twelve.
    const mine = (await t.http().get(`/api/rounds/${roundId}/my-scoring?page=2`).set(yp1).expect(200)).body;
    expect(mine.bids.map((b: { supplierName: string }) => b.supplierName)).toEqual(names.slice(10));
    expect((await t.http().get(`/rounds/${roundId}/score/bids/${mine.bids[1].bidId}`).set(yp1).expect(200)).text).toContain('Organisation 12 of 12');
  });
  it("the round's bids a page at a time (API and the lead's page): each bid exactly once across the pages, the totals beside them; the progress counted by the database", async () => {
    t.clock.set(start);
    // 27 bids registered at the same instant (the clock stands still), so only the tie-break keeps their order.
    const bids = Array.from({ length: 27 }, (_, i) => ({ supplierName: `Bidder ${String(i + 1).padStart(2, '0')} Ltd`, price: String(100 + i), ...(i === 26 ? { excluded: 'Missed the safeguarding certificate' } : {}) }));
    const { roundId, lead, tokens, bidIds } = await roundInScoring(t, bids);
    const api = (query: string, token = lead) => t.http().get(`/api/rounds/${roundId}/bids${query}`).set(bearer(token));

    // An ordinary round comes whole by default, as before paging (100 a page), with its totals in the headers.
    const whole = await api('').expect(200);
    expect(whole.body).toHaveLength(27);
    expect(whole.headers).toMatchObject({ 'x-total-count': '27', 'x-page': '1', 'x-per-page': '100', 'x-pages': '1' });

    const pagesOf = async (perPage: number, pages: number, token: string, total: number) => {
      const ids: string[] = [];
      for (let page = 1; page <= pages; page++) {
        const res = await api(`?page=${page}&perPage=${perPage}`, token).expect(200);
        expect(res.headers).toMatchObject({ 'x-total-count': String(total), 'x-page': String(page), 'x-per-page': String(perPage), 'x-pages': String(pages) });
        expect(res.body).toHaveLength(page < pages ? perPage : total - perPage * (pages - 1));
        ids.push(...res.body.map((b: { id: string }) => b.id));
      }
      expect((await api(`?page=${pages + 1}&perPage=${perPage}`, token).expect(200)).body).toEqual([]);
      return ids;
    };
    // The lead: all 27 on three pages of ten (10, 10, 7), each once.
    const leadIds = await pagesOf(10, 3, lead, 27);
    expect(leadIds).toHaveLength(27);
    expect(new Set(leadIds)).toEqual(new Set(bidIds));
    // A panellist does not see the excluded bid: 26 on three pages (10, 10, 6), each once.
    const panelIds = await pagesOf(10, 3, tokens['yp1@demo.test'], 26);
    expect(panelIds).toHaveLength(26);
    expect(new Set(panelIds)).toEqual(new Set(bidIds.slice(0, 26)));
    for (const bad of ['?perPage=0', '?perPage=101', '?page=0', '?page=two']) {
      const refused = await api(bad).expect(400);
      expect(JSON.stringify(refused.body)).toMatch(/page|perPage/);
    }

    // The lead's page: 25 bids, then 2, each once, with the pager; a page past the end shows the last.
    const onPage = async (query: string) => {
      const html = parse((await t.http().get(`/rounds/${roundId}${query}`).set(bearer(lead)).expect(200)).text);
      const section = html.querySelector('#bids-section')!;
      return { ids: section.querySelectorAll('table a').map((a) => a.getAttribute('href')!.split('/').pop()!), pager: section.querySelector('nav.pager')?.text.replace(/\s+/g, ' ').trim() ?? '' };
    };
    const first = await onPage('');
    const second = await onPage('?bidsPage=2');
    expect(first.ids).toHaveLength(25);
    expect(second.ids).toHaveLength(2);
    expect(new Set([...first.ids, ...second.ids])).toEqual(new Set(bidIds));
    expect(first.pager).toContain('Bids 1 to 25 of 27 (page 1 of 2)');
    expect(second.pager).toContain('Bids 26 to 27 of 27 (page 2 of 2)');
    expect((await onPage('?bidsPage=9')).ids).toEqual(second.ids);
    expect((await onPage('?bidsPage=nonsense')).ids).toEqual(first.ids);

    // Progress: the clinician (Q1 and SV1, 26 compliant bids: 52 to score) has marked 3 bids on both = 6; nobody else any.
    const detail = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
    const questions = detail.criteria.flatMap((s: { questions: { key: string; id: string }[] }) => s.questions).filter((q: { key: string }) => ['Q1', 'SV1'].includes(q.key));
    for (const bidId of bidIds.slice(0, 3)) {
      for (const q of questions) await t.http().put(`/api/rounds/${roundId}/bids/${bidId}/scores/${q.id}`).set(bearer(tokens['clinician@demo.test'])).send({ mark: 3, justification: 'Clear and well evidenced' }).expect(200);
    }
    const progress = (await t.http().get(`/api/rounds/${roundId}/scoring-progress`).set(bearer(lead)).expect(200)).body as { members: { displayName: string; group: string; scored: number; total: number }[] }[];
    const members = progress.flatMap((g) => g.members);
    expect(members.map((m) => [m.group, m.scored, m.total]).sort()).toEqual([
      ['professional', 0, 52], ['professional', 0, 52], ['professional', 6, 52],
      ['youngPartner', 0, 52], ['youngPartner', 0, 52], ['youngPartner', 0, 52],
    ]);
    const page = parse((await t.http().get(`/rounds/${roundId}`).set(bearer(lead)).expect(200)).text);
    expect(page.querySelectorAll('label[for^="pg-"]').map((l) => l.text.trim()).sort()).toEqual([...Array(5).fill('0 of 52 scored'), '6 of 52 scored']);
  });
});
