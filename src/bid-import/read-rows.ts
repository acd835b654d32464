import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type ImportFormat = 'xlsx' | 'csv';

/** One row of the file as text cells, numbered as the spreadsheet numbers it (the header is row 1). */
export interface SheetRow {
  number: number;
  cells: string[];
}

/** An xlsx file is a zip; anything else is read as CSV text. */
export function formatOf(content: Buffer, fileName: string): ImportFormat {
  const zip = content.length >= 4 && content.readUInt32LE(0) === 0x04034b50;
  if (zip) return 'xlsx';
  if (/\.xlsx?$/i.test(fileName)) throw new UnreadableFileError('The file is named as an Excel workbook but is not one (.xlsx)');
  return 'csv';
}

export class UnreadableFileError extends Error {}

/**
 * The rows of the first sheet (xlsx, with ExcelJS's streaming reader) or of the CSV file (csv-parse,
 * streaming), one at a time, so a large file is never held as cells all at once.
 */
export async function* readRows(content: Buffer, format: ImportFormat): AsyncGenerator<SheetRow> {
  try {
    if (format === 'csv') {
      const parser = Readable.from([content]).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
      let number = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        number++;
        yield { number, cells: record.map((cell) => cell.trim()) };
      }
      return;
    }
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        yield { number: row.number, cells: values.slice(1).map(cellText) };
      }
      return; // the first sheet only: a portal export may add notes on others
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`The file cannot be read as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}: ${(error as Error).message}`);
  }
}

/** A cell as the text a person typed: dates as ISO instants, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}
