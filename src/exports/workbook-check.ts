import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SHEET } from './sheets/sheet-names.js';
import { DataHash, type HashedCell } from './workbook-hash.js';

export interface HashCheck {
  /** The hash recomputed from the file's cells. */
  sha256: string;
  lines: number;
  /** The hash the About sheet records; null when there is none. */
  recorded: string | null;
  matches: boolean;
}

export const HASH_LABEL = 'Data hash (SHA-256)';

// The zip is opened by its central directory (unzipper's Open), so each part is read when its turn
// comes, whatever order the parts have in the file. ExcelJS's streaming reader reads the zip front to
// back, names sheets only when the sheet list came first, and drops parts of a zip written in another
// order; its per-part parsers are used here instead.
const require = createRequire(import.meta.url);
const unzipper = require('unzipper') as {
  Open: {
    file(path: string): Promise<ZipDirectory>;
    buffer(data: Buffer): Promise<ZipDirectory>;
  };
};
interface ZipDirectory {
  files: { path: string; stream(): Readable }[];
}
interface ReaderParts {
  options: object;
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

/**
 * Recomputes a workbook's data hash from its cells (see DataHash) and reads the one About records.
 * Sheets are hashed in tab order: the order of the workbook's sheet list (xl/workbook.xml), not the
 * order of their parts inside the zip, which a spreadsheet that saves the file may change. Rows are
 * streamed, so a workbook of a million rows is checked without loading its cells at once.
 */
export async function checkWorkbookHash(input: string | Buffer | Readable): Promise<HashCheck> {
  const zip = typeof input === 'string' ? await unzipper.Open.file(input) : await unzipper.Open.buffer(Buffer.isBuffer(input) ? input : await collect(input));
  const part = (path: string) => zip.files.find((f) => f.path.replace(/^\//, '') === path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as unknown as string, {}) as unknown as ReaderParts;
  reader.options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' };

  const workbookPart = part('xl/workbook.xml');
  const relsPart = part('xl/_rels/workbook.xml.rels');
  if (!workbookPart || !relsPart) throw new Error('This is not an Excel workbook: it has no sheet list (xl/workbook.xml)');
  await reader._parseWorkbook(workbookPart.stream());
  await reader._parseRels(relsPart.stream());
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings.stream()));

  const hash = new DataHash();
  let recorded: string | null = null;
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    const sheetPart = target && part(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    if (!sheetPart) throw new Error(`The sheet ${sheet.name} has no part in the file`);
    for (const { value: rows } of reader._parseWorksheet(sheetPart.stream(), sheet.rId)) {
      for await (const row of rows) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map((value) => hashedCell(value, sheet.name, row.number));
        if (sheet.name === SHEET.about) {
          if (cells[0] === HASH_LABEL && typeof cells[1] === 'string') recorded = cells[1];
        } else {
          hash.add(sheet.name, row.number, cells);
        }
      }
    }
  }
  const { sha256, lines } = hash.digest();
  return { sha256, lines, recorded, matches: recorded === sha256 };
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function hashedCell(value: ExcelJS.CellValue | undefined, sheet: string, row: number): HashedCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && 'formula' in value && typeof value.formula === 'string') return { formula: value.formula };
  throw new Error(`${sheet} row ${row} holds a cell this workbook never writes: ${JSON.stringify(value)}`);
}
