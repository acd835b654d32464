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

/**
 * Recomputes a workbook's data hash from its cells (see DataHash) and reads the one About records.
 * Streams the file, so a workbook of a million rows is checked without loading it whole.
 */
export async function checkWorkbookHash(input: string | Readable): Promise<HashCheck> {
  const hash = new DataHash();
  let recorded: string | null = null;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  // Sheets come in the file's order, which is tab order for every sheet but About.
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map((value) => hashedCell(value, name, row.number));
      if (name === SHEET.about) {
        if (cells[0] === HASH_LABEL && typeof cells[1] === 'string') recorded = cells[1];
      } else {
        hash.add(name, row.number, cells);
      }
    }
  }
  const { sha256, lines } = hash.digest();
  return { sha256, lines, recorded, matches: recorded === sha256 };
}

function hashedCell(value: ExcelJS.CellValue | undefined, sheet: string, row: number): HashedCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && 'formula' in value && typeof value.formula === 'string') return { formula: value.formula };
  throw new Error(`${sheet} row ${row} holds a cell this workbook never writes: ${JSON.stringify(value)}`);
}
