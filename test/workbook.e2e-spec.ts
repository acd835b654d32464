import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { SHEET, TAB_ORDER } from '../src/exports/sheets/sheet-names.js';
import { checkWorkbookHash } from '../src/exports/workbook-check.js';
import { toDisplay } from '../src/results/index.js';
import { DeadlineScheduler } from '../src/rounds/deadline-scheduler.js';
import { roundWithRecusals } from './support/recusal.js';
import { bearer, decidedRound, PANEL, roundDefinition, roundInScoring, sendSummaries, TWO_LOT_BIDS } from './support/rounds.js';
import { DEMO, startTestApp, type TestApp } from './support/test-app.js';

// The auditor's workbook, opened as an auditor would: every formula's cached value against the API,
// every formula recomputed by an independent engine (HyperFormula), no young partner's name or email.

type Group = 'professional' | 'youngPartner';
type Panel = readonly { email: string; group: string }[];

interface Plan {
  bids: { supplierName: string; price: string; excluded?: string }[];
  overrides?: Record<string, unknown>;
  panel?: Panel;
  /** The mark a member gives: by bid index, question key, group, and the member's place in its group. */
  mark: (bid: number, key: string, group: Group, member: number) => number;
  /** Members who leave their marks as drafts (scoring stage only). */
  drafts?: readonly string[];
  /** The agreed mark per cell; undefined leaves the cell to moderation. */
  consensus?: (bid: number, key: string, group: Group) => number | undefined;
  until: 'scoring' | 'moderation' | 'awardDecision';
}

interface BuiltRound {
  roundId: string;
  lead: string;
  tokens: Record<string, string>;
}

const GROUP_OF_LABEL: Record<string, Group> = { professional: 'professional', 'young partner': 'youngPartner' };
const REASON = 'Agreed after discussing the evidence in the answer';
const YOUNG_PARTNERS = DEMO.users.filter((u) => u.group === 'youngPartner');

/** Drives a round through the API: scoring, submission, moderation, as far as the plan says. */
async function buildRound(t: TestApp, plan: Plan): Promise<BuiltRound> {
  const panel = plan.panel ?? PANEL;
  t.clock.set(new Date()); // an earlier round may have moved time past this one's tender deadline
  const { roundId, lead, tokens, bidIds } = await roundInScoring(t, plan.bids, plan.overrides, panel);
  const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body;
  const questions: { id: string; key: string; type: string; scoredBy: Group[] }[] = round.criteria.flatMap((s: { questions: unknown[] }) => s.questions);
  const quality = questions.filter((q) => q.type === 'quality');
  const compliant = plan.bids.flatMap((b, i) => (b.excluded ? [] : [i]));
  const cells = compliant.flatMap((bid) => quality.flatMap((q) => q.scoredBy.map((group) => ({ bid, q, group }))));
  for (const { bid, q, group } of cells) {
    for (const [n, m] of panel.filter((p) => p.group === group).entries()) {
      const mark = plan.mark(bid, q.key, group, n);
      await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[bid]}/scores/${q.id}`).set(bearer(tokens[m.email]))
        .send({ mark, justification: `Mark ${mark}: the answer shows this level of evidence` }).expect(200);
    }
  }
  for (const m of panel) {
    if (!plan.drafts?.includes(m.email)) await t.http().post(`/api/rounds/${roundId}/my-scoring/submit`).set(bearer(tokens[m.email])).expect(200);
  }
  if (plan.until === 'scoring') return { roundId, lead, tokens };
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
  for (const { bid, q, group } of cells) {
    const mark = plan.consensus?.(bid, q.key, group);
    if (mark !== undefined) {
      await t.http().put(`/api/rounds/${roundId}/bids/${bidIds[bid]}/consensus/${q.id}`).set(bearer(lead)).send({ group, mark, reason: REASON }).expect(200);
    }
  }
  if (plan.until === 'moderation') return { roundId, lead, tokens };
  await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_MODERATION' }).expect(200);
  return { roundId, lead, tokens };
}

/** Supertest's parser for a binary body: the bytes as one Buffer. */
const binary = (response: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};
type Parser = Parameters<ReturnType<TestApp['http']>['parse']>[0];

const download = (t: TestApp, roundId: string, token: string) =>
  t.http().get(`/api/rounds/${roundId}/workbook.xlsx`).set(bearer(token)).buffer(true).parse(binary as unknown as Parser);

interface Segment { from: string; to: string }
interface WeightBody { key: string | null; segments: Segment[] }
interface SensitivityBody {
  sensitivity: {
    margin: string | null;
    marks: { key: string; flip: { totalAfter: string } | null }[];
    roundGroupWeight: WeightBody | null; groupWeight: WeightBody[]; priceWeight: WeightBody | null;
    oneMarkFromDisqualification: RiskBody[]; oneMarkFromQualifying: RiskBody[];
  };
}
interface RiskBody { supplierName: string; key: string; group: Group; markAfter: string }
interface Api {
  results: ResultsBody;
  sensitivity: SensitivityBody;
  moderation: { items: { supplierName: string; key: string; group: Group; marks: { mark: number }[]; mean: string | null; spread: number | null }[] };
}
interface LineBody {
  key: string; effectiveWeight: string; groupMarks: Partial<Record<Group, string>>; mark: string | null; weightedScore: string;
  contributions: Record<Group | 'price', string>; threshold: number | null;
}
interface BidBody {
  id: string; supplierName: string; price: string | null; compliant: boolean; status: string; eligible: boolean; rank: number | null; tie: boolean;
  total: string; totalDisplay: string; qualityScore: string; contributions: Record<Group | 'price', string>; contributionsDisplay: Record<Group | 'price', string>;
  thresholdFailures: { key: string }[]; lines: LineBody[];
}
interface ResultsBody { provisional: boolean; lowestCompliantPrice: string | null; tieBreak: { rule: string }; bids: BidBody[] }

/** What the API says each formula cell must hold, found by the sheet, the column header and the row's keys. */
function expectedValue(api: Api, sheet: string, header: string, row: ExcelJS.Row): number | string {
  const text = (column: number) => String(row.getCell(column).value ?? '');
  const bid = (supplier: string) => api.results.bids.find((b) => b.supplierName === supplier)!;
  const value = (exact: string | null | undefined) => (exact === null || exact === undefined ? '' : Number(exact));
  switch (sheet) {
    case SHEET.method: {
      const line = api.results.bids[0].lines.find((l) => l.key === text(1))!;
      if (header.startsWith('Effective weight')) return Number(line.effectiveWeight);
      break;
    }
    case SHEET.bids: {
      if (row.number === 2) return value(api.results.lowestCompliantPrice);
      const b = bid(text(2));
      if (header.startsWith('Price if compliant')) return b.compliant ? value(b.price) : '';
      break;
    }
    case SHEET.moderation: {
      const [supplier, key, group] = [text(2), text(3), GROUP_OF_LABEL[text(4)]];
      const item = api.moderation.items.find((i) => i.supplierName === supplier && i.key === key && i.group === group)!;
      const marks = item.marks.map((m) => m.mark);
      const line = bid(supplier).lines.find((l) => l.key === key)!;
      const found: Record<string, number | string> = {
        Count: marks.length, Mean: value(item.mean), Lowest: Math.min(...marks), Highest: Math.max(...marks), Spread: item.spread ?? '',
        'Group mark used (agreed, else mean)': value(line.groupMarks[group]),
      };
      if (header in found) return found[header];
      break;
    }
    case SHEET.calculation: {
      const b = bid(text(2));
      const line = b.lines.find((l) => l.key === text(4))!;
      const found: Record<string, number | string> = {
        'Effective weight %': Number(line.effectiveWeight),
        'Professional group mark': value(line.groupMarks.professional),
        'Young partner group mark': value(line.groupMarks.youngPartner),
        'Price (£)': value(b.price),
        'Mark (blended, or price mark)': value(line.mark),
        'Weighted score': Number(line.weightedScore),
        'Professional points': Number(line.contributions.professional),
        'Young partner points': Number(line.contributions.youngPartner),
        'Price points': Number(line.contributions.price),
        'Minimum mark': line.threshold ?? '',
        'Below minimum': b.thresholdFailures.some((f) => f.key === line.key) ? 'yes' : 'no',
      };
      if (header in found) return found[header];
      break;
    }
    case SHEET.sensitivity: {
      const s = api.sensitivity.sensitivity;
      const figure = text(1);
      if (figure === 'Winning margin (points)') return value(s.margin);
      if (figure === 'Smallest mark change') return value(s.marks.find((m) => m.key === text(2))!.flip!.totalAfter);
      if (figure.startsWith('One mark from')) {
        const risk = [...s.oneMarkFromDisqualification, ...s.oneMarkFromQualifying].find((r) => r.supplierName === text(3) && r.key === text(2) && r.group === GROUP_OF_LABEL[text(4)])!;
        return Number(risk.markAfter);
      }
      // A crossing: the boundary the row's words name ("... first from 0.00 % to 53.72 %; then ...").
      const sweep = figure === 'Price weight %' ? s.priceWeight! : text(2) === 'all' ? s.roundGroupWeight! : s.groupWeight.find((w) => w.key === text(2))!;
      const named = /first (?:from [\d.]+ %(?: \(not including it\))? to|at exactly) ([\d.]+) %/.exec(text(3))![1];
      return Number(sweep.segments.slice(0, -1).find((seg) => toDisplay(seg.to) === named)!.to);
    }
    case SHEET.results: {
      const b = bid(text(3));
      const tieBreak = { highestQualityScore: Number(b.qualityScore), highestYoungPartnerContribution: Number(b.contributions.youngPartner), lowestPrice: b.price === null ? -1e15 : -Number(b.price) };
      const found: Record<string, number | string> = {
        Rank: b.rank ?? '', Status: b.status, Eligible: b.eligible ? 'yes' : 'no', 'Total (out of 100)': Number(b.total),
        'Professional points': Number(b.contributions.professional), 'Young partner points': Number(b.contributions.youngPartner),
        'Price points': Number(b.contributions.price), 'Quality score': Number(b.qualityScore),
        'Tie-break value (higher wins)': tieBreak[api.results.tieBreak.rule as keyof typeof tieBreak],
        'Questions below their minimum': b.thresholdFailures.length, 'Shares its rank': b.rank === null ? '' : b.tie ? 'yes' : 'no',
      };
      if (header in found) return found[header];
      break;
    }
  }
  throw new Error(`No expectation for the formula in ${sheet}!${header} row ${row.number}`);
}

function same(actual: unknown, expected: number | string): boolean {
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return blank(expected) ? blank(actual) : actual === expected;
}

interface FormulaCell { sheet: string; row: ExcelJS.Row; column: number; header: string; formula: string; result: unknown }

/** Every formula of the book, recomputed from the raw cells by HyperFormula, gives the value the system cached. */
function expectFormulasRecompute(book: ExcelJS.Workbook): ReturnType<typeof recalculate> {
  const formulas = formulaCells(book);
  const computed = recalculate(book);
  expect(formulas.length).toBeGreaterThan(0);
  for (const cell of formulas) {
    const where = `${cell.sheet}!${cell.header} row ${cell.row.number}: =${cell.formula}`;
    const value = computed(cell.sheet, cell.row.number, cell.column);
    const cached = cell.result as number | string;
    expect({ where, recalculated: same(value, cached) ? cached : value }).toEqual({ where, recalculated: cached });
  }
  return computed;
}

function formulaCells(book: ExcelJS.Workbook): FormulaCell[] {
  const cells: FormulaCell[] = [];
  for (const ws of book.worksheets) {
    const headerRow = ws.getRow((ws.views[0] as { ySplit: number }).ySplit);
    ws.eachRow((row) => row.eachCell((cell, column) => {
      // cell.model, not cell.value: ExcelJS's value drops a cached result of 0.
      const model = cell.model as { formula?: string; result?: unknown };
      if (model.formula !== undefined) {
        cells.push({ sheet: ws.name, row, column, header: String(headerRow.getCell(column).value), formula: model.formula, result: model.result });
      }
    }));
  }
  return cells;
}

/** Every sheet's raw cells and formulas, recalculated by HyperFormula. */
function recalculate(book: ExcelJS.Workbook): (sheet: string, row: number, column: number) => unknown {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const ws of book.worksheets) {
    const rows: RawCellContent[][] = Array.from({ length: ws.rowCount }, () => []);
    ws.eachRow((row, r) => row.eachCell((cell, c) => {
      const value = cell.value as ExcelJS.CellValue;
      rows[r - 1][c - 1] = typeof value === 'number' ? value
        : typeof value === 'string' ? `'${value}` // text stays text, whatever it looks like
          : value && typeof value === 'object' && 'formula' in value ? `=${value.formula}` : null;
    }));
    sheets[ws.name] = rows.map((cells) => Array.from({ length: cells.length }, (_, i) => cells[i] ?? null));
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', smartRounding: false });
  return (sheet, row, column) => hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row: row - 1, col: column - 1 });
}

/** One file from the xlsx (a zip), found through the zip's central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const [method, size, nameLength, extraLength, commentLength, local] =
      [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    if (zip.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\//, '') === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the file`);
}

/** How a spreadsheet shows a number to 2 places: to 15 significant digits first, then half up. */
const shown = (value: unknown) => toDisplay((value as number).toPrecision(15));

/**
 * Downloads the round's workbook and checks it against the API: sheets, formula values (cached and
 * recalculated), the displayed totals and ranks, the data hash, privacy, formatting. Returns the workbook.
 */
async function checkWorkbook(t: TestApp, roundId: string): Promise<{ book: ExcelJS.Workbook; api: Api; file: Buffer }> {
  const auditor = await t.tokenFor('auditor@demo.test');
  const response = await download(t, roundId, auditor).expect(200);
  expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const round = (await t.http().get(`/api/rounds/${roundId}`).set(bearer(auditor)).expect(200)).body;
  expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${round.reference}-\\d{8}-\\d{6}\\.xlsx"$`));
  const api: Api = {
    results: (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(auditor)).expect(200)).body,
    moderation: (await t.http().get(`/api/rounds/${roundId}/moderation`).set(bearer(auditor)).expect(200)).body,
    sensitivity: (await t.http().get(`/api/rounds/${roundId}/sensitivity`).set(bearer(auditor)).expect(200)).body,
  };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.body);
  expect(book.worksheets.map((w) => w.name)).toEqual(TAB_ORDER);

  // Cached values are the API's exact values; HyperFormula, from the raw cells, gets the same.
  const formulas = formulaCells(book);
  expect(formulas.length).toBeGreaterThan(0);
  const computed = recalculate(book);
  for (const cell of formulas) {
    const where = `${cell.sheet}!${cell.header} row ${cell.row.number}: =${cell.formula}`;
    const expected = expectedValue(api, cell.sheet, cell.header, cell.row);
    expect({ where, cached: same(cell.result, expected) ? expected : cell.result }).toEqual({ where, cached: expected });
    const value = computed(cell.sheet, cell.row.number, cell.column);
    expect({ where, recalculated: same(value, expected) ? expected : value }).toEqual({ where, recalculated: expected });
  }

  // Recalculated, the Results sheet shows the API's totals, points and ranks to the last displayed digit.
  const results = book.getWorksheet(SHEET.results)!;
  const headerRow = (results.views[0] as { ySplit: number }).ySplit;
  const header = results.getRow(headerRow).values as string[];
  const col = (name: string) => header.indexOf(name);
  for (let r = headerRow + 1; r <= results.rowCount; r++) {
    const b = api.results.bids.find((x) => x.supplierName === results.getRow(r).getCell(col('Supplier')).value)!;
    expect([b.supplierName, shown(computed(SHEET.results, r, col('Total (out of 100)'))), shown(computed(SHEET.results, r, col('Professional points'))),
      shown(computed(SHEET.results, r, col('Young partner points'))), shown(computed(SHEET.results, r, col('Price points'))), computed(SHEET.results, r, col('Rank'))])
      .toEqual([b.supplierName, b.totalDisplay, b.contributionsDisplay.professional, b.contributionsDisplay.youngPartner, b.contributionsDisplay.price, b.rank ?? '']);
  }

  // No young partner's name or email anywhere in the file.
  const everything: string[] = [];
  book.worksheets.forEach((ws) => ws.eachRow((row) => row.eachCell((cell) => everything.push(JSON.stringify(cell.value)))));
  for (const yp of YOUNG_PARTNERS) {
    expect(everything.filter((text) => text.toLowerCase().includes(yp.email) || new RegExp(`\\b${yp.displayName}\\b`, 'i').test(text))).toEqual([]);
  }

  // The data hash on About is the hash of the cells.
  const hash = await checkWorkbookHash(Readable.from(response.body));
  expect(hash.matches).toBe(true);

  // Provisional results say so.
  const about = JSON.stringify(book.getWorksheet(SHEET.about)!.getSheetValues());
  expect(about.includes('PROVISIONAL')).toBe(api.results.provisional);
  expect(about).toContain('yes: no change to the round was recorded');
  return { book, api, file: response.body };
}

describe("the auditor's scoring workbook", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('exports the lifecycle round (77.75 and 67.5, an excluded bid) after award, formatted and recorded in the audit trail', async () => {
    const marks: Record<string, number[]> = {
      'A/Q1/professional': [3, 3, 1], 'A/Q1/youngPartner': [4, 3, 4], 'A/Q2/youngPartner': [3, 3, 3], 'A/SV1/professional': [2, 2, 3],
      'B/Q1/professional': [2, 2, 2], 'B/Q1/youngPartner': [2, 3, 2], 'B/Q2/youngPartner': [2, 2, 1], 'B/SV1/professional': [3, 3, 3],
    };
    const agreed: Record<string, number> = {
      'A/Q1/professional': 3, 'A/Q1/youngPartner': 4, 'A/Q2/youngPartner': 3, 'A/SV1/professional': 2,
      'B/Q1/professional': 2, 'B/Q1/youngPartner': 2, 'B/Q2/youngPartner': 2, 'B/SV1/professional': 3,
    };
    const { roundId, lead } = await buildRound(t, {
      bids: [
        { supplierName: 'Safer Futures CIC', price: '1500000' },
        { supplierName: 'Youth Link Partnership', price: '1200000' },
        { supplierName: 'Bright Paths Ltd', price: '900000', excluded: 'No safeguarding policy supplied' },
      ],
      mark: (bid, key, group, member) => marks[`${'AB'[bid]}/${key}/${group}`][member],
      consensus: (bid, key, group) => agreed[`${'AB'[bid]}/${key}/${group}`],
      until: 'awardDecision',
    });
    const results = (await t.http().get(`/api/rounds/${roundId}/results`).set(bearer(lead)).expect(200)).body as ResultsBody;
    const winner = results.bids[0];
    expect([winner.supplierName, winner.total]).toEqual(['Safer Futures CIC', '77.75']);
    await t.http().post(`/api/rounds/${roundId}/award-decision`).set(bearer(lead)).send({ bidId: winner.id }).expect(200);
    await sendSummaries(t, roundId, lead);
    const notice = (await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'ISSUE_AWARD_NOTICE' }).expect(200)).body;
    t.clock.set(new Date(new Date(notice.round.timetable.standstillEndsAt).getTime() + 1000));
    await t.app.get(DeadlineScheduler).runDue();
    expect((await t.http().get(`/api/rounds/${roundId}`).set(bearer(lead)).expect(200)).body.state).toBe('awarded');

    const { book, file } = await checkWorkbook(t, roundId);
    const results_ = book.getWorksheet(SHEET.results)!;
    expect(results_.getCell('C5').value).toBe('Safer Futures CIC');
    expect(results_.getCell('F5').value).toEqual({ formula: 'SUM(Calculation!K4:K7)', result: 77.75 });
    expect(results_.getCell('F5').numFmt).toBe('0.00');
    expect(book.getWorksheet(SHEET.bids)!.getCell('C4').numFmt).toBe('£#,##0.00');
    expect(book.getWorksheet(SHEET.moderation)!.getCell('G4').value).toEqual({ formula: 'AVERAGE(Scores!F4:F6)', result: expect.closeTo(7 / 3, 12) });
    // Sensitivity: the margin by formula over the Calculation sheet; the price weight's crossing (6500/121 %) by formula too.
    const sensitivity = book.getWorksheet(SHEET.sensitivity)!;
    const rows = sensitivity.getSheetValues().slice(4) as (unknown[] | undefined)[];
    const valueOf = (figure: string) => (rows.find((r) => r?.[1] === figure)![7] as { formula: string; result: number });
    expect(valueOf('Winning margin (points)')).toEqual({ formula: 'SUM(Calculation!K4:K7)-SUM(Calculation!K8:K11)', result: 10.25 });
    expect(valueOf('Price weight %')).toEqual({ formula: expect.stringMatching(/^100\*/), result: expect.closeTo(6500 / 121, 12) });
    expect(rows.filter((r) => r?.[1] === 'One mark from disqualification').map((r) => [r![3], r![4], r![5], r![6]]))
      .toEqual([['Youth Link Partnership', 'professional', 2, 1], ['Youth Link Partnership', 'young partner', 2, 1]]);
    // Calibration: agreement and every panellist by panel code, as values.
    const calibration = JSON.stringify(book.getWorksheet(SHEET.calibration)!.getSheetValues());
    expect(calibration).toContain("Krippendorff's alpha");
    for (const code of ['P1', 'P2', 'P3', 'YP1', 'YP2', 'YP3']) expect(calibration).toContain(`"${code}"`);
    // ExcelJS's reader ignores these, so read workbook.xml itself: full recalculation on open, About first.
    const workbookXml = zipEntry(file, 'xl/workbook.xml');
    expect(workbookXml).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect([...workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(TAB_ORDER);
    for (const ws of book.worksheets) {
      expect([ws.name, ws.views[0]]).toEqual([ws.name, expect.objectContaining({ state: 'frozen', ySplit: expect.any(Number) })]);
      if (ws.name !== SHEET.about) expect([ws.name, ws.autoFilter]).toEqual([ws.name, expect.stringMatching(/^A\d+:[A-Z]+\d+$/)]);
      expect([ws.name, (ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet]).toEqual([ws.name, true]);
    }
    // Young partners appear by panel code; the export is in the audit trail, and About names it.
    const scores = book.getWorksheet(SHEET.scores)!;
    expect(new Set(scores.getColumn(5).values.slice(4))).toEqual(new Set(['P1', 'P2', 'P3', 'YP1', 'YP2', 'YP3']));
    const trail = (await t.http().get(`/api/rounds/${roundId}/audit`).set(bearer(lead)).expect(200)).body as { sequence: number; type: string; hash: string }[];
    const downloaded = trail.filter((e) => e.type === 'workbook.downloaded').at(-1)!;
    expect(JSON.stringify(book.getWorksheet(SHEET.about)!.getSheetValues())).toContain(`event ${downloaded.sequence}, hash ${downloaded.hash}`);
    expect((await t.http().get('/api/audit/verify').set(bearer(await t.tokenFor('auditor@demo.test'))).expect(200)).body.valid).toBe(true);
    t.clock.set(new Date());
  });

  it('is for auditors from scoring onwards and the lead once scoring has closed; never for panellists', async () => {
    const panel = PANEL.filter((m) => m.email !== 'safeguarding@demo.test');
    const { roundId, lead, tokens } = await buildRound(t, { bids: [{ supplierName: 'Alder Care', price: '100000' }], panel, mark: () => 3, until: 'scoring' });
    await download(t, roundId, await t.tokenFor('auditor@demo.test')).expect(200);
    // The lead sees individual marks only once scoring has closed, as on the moderation page.
    expect((await download(t, roundId, lead).expect(403)).body.toString()).toContain('can be seen once scoring has closed');
    await download(t, roundId, tokens['yp1@demo.test']).expect(403);
    await download(t, roundId, tokens['clinician@demo.test']).expect(403);
    await download(t, roundId, await t.tokenFor('safeguarding@demo.test')).expect(404);
    await t.http().get(`/api/rounds/${roundId}/workbook.xlsx`).expect(401);
    await t.http().post(`/api/rounds/${roundId}/events`).set(bearer(lead)).send({ type: 'CLOSE_SCORING' }).expect(200);
    await download(t, roundId, lead).expect(200);
    await download(t, roundId, tokens['yp1@demo.test']).expect(403);
    const unopened = (await t.http().post('/api/rounds').set(bearer(lead)).send(roundDefinition()).expect(201)).body.id;
    await download(t, unopened, lead).expect(409);
    await download(t, unopened, await t.tokenFor('auditor@demo.test')).expect(409);
  });

  it('exports a provisional round in scoring, with drafts and a missing group mark, marked PROVISIONAL', async () => {
    const { roundId } = await buildRound(t, {
      bids: [{ supplierName: 'Alder Care', price: '100000' }],
      mark: (_bid, _key, _group, member) => member + 1,
      drafts: ['yp2@demo.test', 'yp3@demo.test', 'yp1@demo.test'],
      until: 'scoring',
    });
    const { book, api } = await checkWorkbook(t, roundId);
    expect(api.results.provisional).toBe(true);
    expect(book.getWorksheet(SHEET.results)!.getCell('A1').value).toBe('Results: PROVISIONAL, not for award');
    const counts = book.getWorksheet(SHEET.scores)!.getColumn(8).values.slice(4);
    expect(counts).toEqual(expect.arrayContaining(['yes', 'no: draft']));
  });

  it('exports one bid, a tie resolved by the tie-break, an unresolved tie, a disqualifying threshold and an excluded bid', async () => {
    // Quality 60 (Q1 30 both groups, minimum 2; Q2 30 young partners only), Social value 10, Price 30; scale 0-4.
    // Alder and Cedar: quality 50, price 1.5m (20 points) = 70. Birch: quality 40, price 1m (30) = 70. Damson: Q1 below 2.
    // The tie-break (highest quality score) puts Alder and Cedar above Birch but cannot separate them.
    const marks: Record<string, Record<string, number>> = {
      Alder: { Q1: 4, Q2: 2, SV1: 2 }, Birch: { Q1: 2, Q2: 3, SV1: 1 }, Cedar: { Q1: 4, Q2: 2, SV1: 2 }, Damson: { Q1: 1, Q2: 4, SV1: 4 },
    };
    const names = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elm'];
    const { roundId } = await buildRound(t, {
      bids: [
        { supplierName: 'Alder', price: '1500000' }, { supplierName: 'Birch', price: '1000000' }, { supplierName: 'Cedar', price: '1500000' },
        { supplierName: 'Damson', price: '2000000' }, { supplierName: 'Elm', price: '800000', excluded: 'Late financial statements' },
      ],
      mark: (bid, key) => marks[names[bid]][key],
      consensus: (bid, key) => marks[names[bid]][key],
      until: 'awardDecision',
    });
    const { api } = await checkWorkbook(t, roundId);
    const summary = api.results.bids.map((b) => [b.supplierName, b.total, b.rank, b.tie, b.status]);
    expect(summary).toEqual([
      ['Alder', '70', 1, true, 'ranked'], ['Cedar', '70', 1, true, 'ranked'], ['Birch', '70', 3, false, 'ranked'],
      ['Damson', expect.any(String), null, false, 'disqualified'], ['Elm', '0', null, false, 'excluded'],
    ]);

    const single = await buildRound(t, { bids: [{ supplierName: 'Only Bidder Ltd', price: '250000' }], mark: () => 3, consensus: () => 3, until: 'awardDecision' });
    const one = await checkWorkbook(t, single.roundId);
    expect(one.api.results.bids.map((b) => [b.total, b.rank])).toEqual([['82.5', 1]]);
  }, 120_000); // five bids through every stage over HTTP: slow on a loaded machine

  it("exports the demo rounds being scored and awaiting the award decision, each recomputing to the API's ranking", async () => {
    const demo = await startTestApp({ demoRounds: true });
    try {
      const auditor = await demo.tokenFor('auditor@demo.test');
      const rounds = (await demo.http().get('/api/rounds').set(bearer(auditor)).expect(200)).body as { id: string; reference: string; state: string }[];
      const exported = rounds.filter((r) => ['scoring', 'awardDecision'].includes(r.state));
      expect(exported.map((r) => r.reference).sort()).toEqual(['ICS-2026-031', 'LVRP-2027-014', 'YJS-2027-006']);
      for (const round of exported.filter((r) => r.reference !== 'ICS-2026-031')) {
        const { api } = await checkWorkbook(demo, round.id);
        expect(api.results.provisional).toBe(round.state === 'scoring');
      }
      // The round in three lots (checkWorkbook reads a round without lots): its formulas recompute, and its
      // Results sheet names each lot's decision, L1's preferred bidder and L3's no award among them.
      const inLots = exported.find((r) => r.reference === 'ICS-2026-031')!;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await download(demo, inLots.id, auditor).expect(200)).body);
      expectFormulasRecompute(book);
      const resultsText = JSON.stringify(book.getWorksheet(SHEET.results)!.getSheetValues());
      expect(resultsText).toMatch(/L1[^"]*North East London/);
      expect(resultsText).toMatch(/No award/i);
    } finally {
      await demo.close();
    }
  }, 180_000); // seeds the five demo rounds first

  it('recomputes random rounds to the API results, provisional or final, under every tie-break rule', async () => {
    const panel = [PANEL[0], PANEL[1], PANEL[3], PANEL[4]];
    const split = (shares: number[]) => {
      const total = shares.reduce((a, b) => a + b, 0);
      const parts = shares.map((s) => Math.floor((s * 100) / total));
      parts[0] += 100 - parts.reduce((a, b) => a + b, 0);
      return parts;
    };
    const plans = fc.record({
      scaleMax: fc.constantFrom(4, 5),
      rule: fc.constantFrom('highestQualityScore', 'lowestPrice', 'highestYoungPartnerContribution'),
      sections: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })),
      q1Weight: fc.integer({ min: 1, max: 9 }),
      professionalWeight: fc.integer({ min: 10, max: 90 }),
      threshold: fc.option(fc.integer({ min: 1, max: 3 })),
      bids: fc.array(fc.record({ pounds: fc.integer({ min: 50_000, max: 3_000_000 }), pence: fc.integer({ min: 0, max: 99 }), excluded: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      marks: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 97, maxLength: 97 }),
      stage: fc.constantFrom<Plan['until']>('scoring', 'moderation', 'awardDecision'),
    });
    await fc.assert(fc.asyncProperty(plans, async (p) => {
      const [quality, social, price] = split(p.sections);
      const criteria = structuredClone(roundDefinition().criteria) as { weight: number; questions: Record<string, unknown>[] }[];
      criteria[0].weight = quality;
      criteria[1].weight = social;
      criteria[2].weight = price;
      criteria[0].questions[0] = { ...criteria[0].questions[0], weight: p.q1Weight * 10, groupWeights: { professional: p.professionalWeight, youngPartner: 100 - p.professionalWeight }, threshold: p.threshold ?? undefined };
      criteria[0].questions[1] = { ...criteria[0].questions[1], weight: 100 - p.q1Weight * 10 };
      const scale = { max: p.scaleMax, descriptors: Array.from({ length: p.scaleMax + 1 }, (_, mark) => ({ mark, label: `Mark ${mark}`, description: `Descriptor ${mark}`, plainLanguage: `In plain words ${mark}` })) };
      let draw = 0;
      const next = () => p.marks[draw++ % p.marks.length] % (p.scaleMax + 1);
      const { roundId } = await buildRound(t, {
        overrides: { criteria, scale, tieBreak: { rule: p.rule, description: `Ties go to the ${p.rule}` } },
        bids: p.bids.map((b, i) => ({
          supplierName: `Supplier ${i + 1}`, price: `${b.pounds}.${String(b.pence).padStart(2, '0')}`,
          ...(b.excluded && i > 0 ? { excluded: 'Did not meet the compliance checks' } : {}),
        })),
        panel,
        mark: next,
        drafts: p.stage === 'scoring' && p.marks[0] % 2 === 0 ? [panel[1].email] : [],
        consensus: (_bid, _key, _group) => (p.stage === 'awardDecision' || next() % 2 === 0 ? next() : undefined),
        until: p.stage,
      });
      await checkWorkbook(t, roundId);
    }), { numRuns: 6, endOnFailure: true }); // no shrinking: every run drives a whole round over HTTP
  }, 240_000);

  it('shows recused marks on record and never counts them: formulas recomputed by HyperFormula give the hand-computed 68.75 and 48.75', async () => {
    const r = await roundWithRecusals(t);
    const { book, api } = await checkWorkbook(t, r.roundId);
    expect(api.results.bids.map((b) => b.total)).toEqual(['68.75', '48.75']);
    const scores = book.getWorksheet(SHEET.scores)!;
    const rows: string[][] = [];
    scores.eachRow((row) => rows.push([1, 3, 5, 6, 7, 8].map((c) => String(row.getCell(c).value))));
    const recused = rows.filter((cells) => cells[5].startsWith('no: recused'));
    expect(recused.map(([bid, key, code, mark, status]) => [bid, key, code, mark, status]).sort()).toEqual([
      ['B1', 'Q1', 'P1', '4', 'draft'], ['B1', 'SV1', 'P1', '4', 'draft'], ['B2', 'Q1', 'YP1', '4', 'submitted'], ['B2', 'Q2', 'YP1', '4', 'submitted'],
    ]);
    expect(recused[0][5]).toMatch(/^no: recused \(declared \d{4}-\d\d-\d\dT.+: .+\)$/);
    const moderation = JSON.stringify(book.getWorksheet(SHEET.moderation)!.getSheetValues());
    expect(moderation).toContain('YP1 4, recused (declared');
    t.clock.set(new Date());
  });

  it('recomputes a round with two lots sharing a supplier lot by lot: each lot its own lowest price, ranking and tie-break (HyperFormula)', async () => {
    // The hand-computed round of test/lots.e2e-spec.ts: L1 Birch 72.5 over Alder 66.5 (lowest price 80,000);
    // L2 Alder and Cedar tied on 87.5, Alder first on the quality tie-break (lowest price 40,000).
    const marks: Record<string, number>[] = [
      { 'Q1/professional': 3, 'Q1/youngPartner': 3, 'Q2/youngPartner': 2, 'SV1/professional': 2 },
      { 'Q1/professional': 2, 'Q1/youngPartner': 2, 'Q2/youngPartner': 3, 'SV1/professional': 2 },
      { 'Q1/professional': 4, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 4 },
      { 'Q1/professional': 4, 'Q1/youngPartner': 4, 'Q2/youngPartner': 3, 'SV1/professional': 2 },
    ];
    const lots = [{ key: 'L1', title: 'North', description: 'The north of the county.' }, { key: 'L2', title: 'South', description: 'The south of the county.' }];
    const { roundId, lead, bidIds } = await decidedRound(t, {
      bids: TWO_LOT_BIDS,
      mark: (bid, key, group) => marks[bid][`${key}/${group}`],
      overrides: { lots },
    });
    await t.http().post(`/api/rounds/${roundId}/lots/L1/award-decision`).set(bearer(lead)).send({ bidId: bidIds[1] }).expect(200);
    await t.http().post(`/api/rounds/${roundId}/lots/L2/award-decision`).set(bearer(lead)).send({ noAwardReason: 'The budget for the south lot was withdrawn by the board.' }).expect(200);
    const auditor = await t.tokenFor('auditor@demo.test');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(t, roundId, auditor).expect(200)).body);
    expect(book.worksheets.map((w) => w.name)).toEqual(TAB_ORDER);

    // Every formula, recomputed from the raw cells by HyperFormula, gives the value the system cached.
    const computed = expectFormulasRecompute(book);

    // Each lot's lowest compliant price, recomputed: the numerator of that lot's price formula only.
    expect([computed(SHEET.bids, 2, 3), computed(SHEET.bids, 3, 3)]).toEqual([80000, 40000]);

    // Results, recomputed, lot by lot (the Lot column is last): the hand-computed totals, ranks and tie-break.
    const results = book.getWorksheet(SHEET.results)!;
    const headerRow = (results.views[0] as { ySplit: number }).ySplit;
    const header = results.getRow(headerRow).values as string[];
    const col = (name: string) => header.indexOf(name);
    expect(header[header.length - 1]).toBe('Lot');
    const rows: unknown[][] = [];
    for (let r = headerRow + 1; r <= results.rowCount; r++) {
      const cell = (name: string) => results.getRow(r).getCell(col(name)).value;
      rows.push([cell('Lot'), cell('Supplier'), shown(computed(SHEET.results, r, col('Total (out of 100)'))), shown(computed(SHEET.results, r, col('Price points'))),
        computed(SHEET.results, r, col('Rank')), computed(SHEET.results, r, col('Shares its rank')), cell('Preferred bidder')]);
    }
    expect(rows).toEqual([
      ['L1', 'Birch Youth Trust', '72.50', '30.00', 1, 'no', 'yes'],
      ['L1', 'Alder Mentoring CIC', '66.50', '24.00', 2, 'no', null],
      ['L2', 'Alder Mentoring CIC', '87.50', '25.00', 1, 'no', null],
      ['L2', 'Cedar Futures', '87.50', '30.00', 2, 'no', null],
    ]);
    const preamble = JSON.stringify(results.getSheetValues().slice(0, headerRow));
    expect(preamble).toContain('Preferred bidder, lot L1 North');
    expect(preamble).toContain('no award: The budget for the south lot was withdrawn by the board.');
    // Every table that lists bids names the lot.
    for (const name of [SHEET.bids, SHEET.scores, SHEET.moderation, SHEET.calculation, SHEET.results, SHEET.summaries]) {
      const ws = book.getWorksheet(name)!;
      const values = ws.getRow((ws.views[0] as { ySplit: number }).ySplit).values as string[];
      expect([name, values[values.length - 1]]).toEqual([name, 'Lot']);
    }
    const hash = await checkWorkbookHash(Readable.from((await download(t, roundId, auditor).expect(200)).body));
    expect(hash.matches).toBe(true);
  });
});
