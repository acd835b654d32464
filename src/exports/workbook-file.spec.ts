import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExportAbortedError } from './exceljs-internals.js';
import { checkWorkbookHash, HASH_LABEL } from './workbook-check.js';
import { columnLetter, columnLetters, formula, WorkbookFile } from './workbook-file.js';

/** Writes a two-sheet workbook the way the export does: a data sheet, then an About sheet holding the hash. */
async function smallWorkbook(): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new WorkbookFile(output, ['About', 'Data'], { creator: 'test', created: new Date('2026-05-01T09:00:00Z') });
  const data = book.sheet({ name: 'Data', columns: [{ header: 'Mark', width: 8 }, { header: 'Double', width: 8 }], preamble: [{ cells: ['Data'], kind: 'title' }] });
  for (let mark = 0; mark < 5; mark++) data.add([mark, formula(`A${data.nextRow}*2`, mark * 2)]);
  await data.finish();
  const { sha256 } = book.hash.digest();
  const about = book.sheet({ name: 'About', hashed: false, filter: false, columns: [{ header: '', width: 20 }, { header: '', width: 70 }], preamble: [] });
  about.add([HASH_LABEL, sha256]);
  await about.finish();
  await book.finish();
  return Buffer.concat(chunks);
}

describe('a streamed workbook', () => {
  it('names columns by letter, past Z', () => {
    expect([1, 26, 27, 52, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    expect(columnLetters({ bid: { header: 'Bid', width: 5 }, mark: { header: 'Mark', width: 5 } })).toEqual({ bid: 'A', mark: 'B' });
  });

  it('shows About first although it is written last, and its recorded hash checks out', async () => {
    const file = await smallWorkbook();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['About', 'Data']);
    expect(book.getWorksheet('Data')!.getCell('B6').value).toEqual({ formula: 'A6*2', result: 6 });
    const check = await checkWorkbookHash(streamOf(file));
    expect(check).toMatchObject({ matches: true, lines: 7 });
  });

  it('no longer checks out once a cell is changed, but does after a resave that changes no cell', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await smallWorkbook()) as unknown as ExcelJS.Buffer);
    const resaved = Buffer.from(await book.xlsx.writeBuffer());
    expect((await checkWorkbookHash(streamOf(resaved))).matches).toBe(true);
    book.getWorksheet('Data')!.getCell('A4').value = 4;
    const edited = Buffer.from(await book.xlsx.writeBuffer());
    expect((await checkWorkbookHash(streamOf(edited))).matches).toBe(false);
  });
});

describe('a streamed workbook whose client stops reading', () => {
  it('waits for the client instead of buffering, and stops when the client goes away', async () => {
    const output = new PassThrough(); // nobody reads it: a download that has stalled
    const book = new WorkbookFile(output, ['Scores'], { creator: 'test', created: new Date() });
    const columns = ['Bid', 'Question', 'Panel code', 'Mark', 'Justification'].map((header) => ({ header, width: 10 }));
    const sheet = book.sheet({ name: 'Scores', columns, preamble: [] });
    let rows = 0;
    const writing = (async () => {
      for (;;) {
        for (let i = 0; i < 2_000; i++, rows++) sheet.add([`B${rows % 400}`, `Q${rows % 50}`, `P${rows % 20}`, rows % 5, `A justification of the mark, row ${rows}`]);
        await sheet.drain();
      }
    })();
    // Writing goes on until the compressed data fills the output's buffer, then waits.
    let before = -1;
    for (let waited = 0; rows !== before && waited < 10_000; waited += 200) {
      before = rows;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 200)), writing]);
    }
    expect(rows).toBe(before); // waiting, not writing on into memory
    expect(rows).toBeLessThan(200_000); // a few MB of sheet ahead of the zip, not the whole sheet
    output.destroy();
    await expect(writing).rejects.toBeInstanceOf(ExportAbortedError);
  });
});

function streamOf(buffer: Buffer): PassThrough {
  const stream = new PassThrough();
  stream.end(buffer);
  return stream;
}
