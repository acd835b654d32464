import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { SHEET, TAB_ORDER } from '../src/exports/sheets/sheet-names.js';
import { checkWorkbookHash } from '../src/exports/workbook-check.js';
import { bearer, decidedRound, download } from './support/rounds.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// A spreadsheet that opens, recalculates and saves the workbook keeps every cell but may write the
// sheet parts in another order inside the zip. The check follows the tab order (xl/workbook.xml), so
// such a copy still matches its hash; a changed cell still does not.


/** Rewrites the zip with its worksheet parts first, in reverse order, and the sheet list and everything else after them. */
async function reorderedCopy(file: Buffer, change?: (path: string, xml: string) => string): Promise<{ file: Buffer; order: string[] }> {
  const zip = await JSZip.loadAsync(file);
  const paths = Object.keys(zip.files).filter((p) => !zip.files[p].dir);
  const isSheet = (p: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p);
  const order = [...paths.filter(isSheet).reverse(), ...paths.filter((p) => !isSheet(p))];
  const copy = new JSZip();
  for (const path of order) {
    const text = await zip.file(path)!.async('string');
    copy.file(path, change ? change(path, text) : text);
  }
  return { file: await copy.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), order };
}

/** The zip part of a sheet, found through the sheet list and its relationships. */
async function sheetPart(file: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rId = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new RegExp(`<Relationship [^>]*Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1]
    ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rId}"`).exec(rels)![1];
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

describe('the workbook check after a spreadsheet has re-saved the file', () => {
  let t: TestApp;
  let file: Buffer;
  beforeAll(async () => {
    t = await startTestApp();
    const { roundId, lead } = await decidedRound(t, {
      bids: [{ supplierName: 'Safer Futures CIC', price: '1500000' }, { supplierName: 'Youth Link Partnership', price: '1200000' }],
      mark: (bid) => 3 - bid,
    });
    file = (await download(t, `/api/rounds/${roundId}/workbook.xlsx`, lead).expect(200)).body;
  });
  afterAll(() => t.close());

  it('passes the downloaded file', async () => {
    expect((await checkWorkbookHash(Readable.from(file))).matches).toBe(true);
  });

  it('passes a copy with the sheet parts in another order, with the same hash', async () => {
    const original = await checkWorkbookHash(Readable.from(file));
    const { file: copy, order } = await reorderedCopy(file);
    expect(order.filter((p) => p.startsWith('xl/worksheets/sheet')).length).toBe(TAB_ORDER.length);
    expect(order.indexOf('xl/workbook.xml')).toBeGreaterThan(order.indexOf(await sheetPart(file, SHEET.method)));
    // The copy really is in another order: the Audit tab's part comes before the Method tab's.
    expect(order.indexOf(await sheetPart(file, SHEET.audit))).toBeLessThan(order.indexOf(await sheetPart(file, SHEET.method)));
    const check = await checkWorkbookHash(Readable.from(copy));
    expect(check).toEqual({ sha256: original.sha256, lines: original.lines, recorded: original.recorded, matches: true });
    // The command-line checker reads a file by its path.
    const folder = await mkdtemp(join(tmpdir(), 'resaved-'));
    try {
      await writeFile(join(folder, 'resaved.xlsx'), copy);
      expect(await checkWorkbookHash(join(folder, 'resaved.xlsx'))).toEqual(check);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('still fails a reordered copy in which one cell was changed', async () => {
    const bids = await sheetPart(file, SHEET.bids);
    const { file: copy } = await reorderedCopy(file, (path, xml) =>
      path === bids ? xml.replace(/<v>1500000<\/v>/, '<v>1400000</v>') : xml,
    );
    await expect((await JSZip.loadAsync(copy)).file(bids)!.async('string')).resolves.toContain('<v>1400000</v>');
    const check = await checkWorkbookHash(Readable.from(copy));
    expect(check.matches).toBe(false);
    expect(check.recorded).toBe((await checkWorkbookHash(Readable.from(file))).recorded);
  });
});
