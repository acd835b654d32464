import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { forgetWrittenFormulas, OrderedWorkbookWriter, untilClosed, waitForZip } from './exceljs-internals.js';
import { DataHash } from './workbook-hash.js';

/** A formula with the value the system computed for it (ExcelJS never calculates). */
export interface Formula {
  formula: string;
  result: number | string;
}

export type Cell = string | number | null | undefined | Formula;

/** How a column's cells look. One shared style object per kind, so ExcelJS serialises each style once. */
const STYLES = {
  text: {},
  wrap: { alignment: { wrapText: true, vertical: 'top' } },
  score: { numFmt: '0.00' },
  money: { numFmt: '£#,##0.00' },
  number: {},
  title: { font: { bold: true, size: 14 } },
  banner: { font: { bold: true, size: 12, color: { argb: 'FFC00000' } } },
  note: { font: { italic: true, color: { argb: 'FF404040' } } },
  label: { font: { bold: true } },
  header: {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
    alignment: { wrapText: true, vertical: 'top' },
    border: { bottom: { style: 'thin' } },
  },
} satisfies Record<string, Partial<ExcelJS.Style>>;

export type CellKind = keyof typeof STYLES;

export interface ColumnSpec {
  header: string;
  width: number;
  kind?: CellKind;
}

/** Column letters by name, so formulas read `${C.mark}${row}` rather than a bare "F". */
export function columnLetters<K extends string>(columns: Record<K, ColumnSpec>): Record<K, string> {
  return Object.fromEntries(Object.keys(columns).map((key, i) => [key, columnLetter(i + 1)])) as Record<K, string>;
}

export function columnLetter(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** `Sheet!$C$5`: an absolute reference into another sheet. */
export const absolute = (sheet: string, column: string, row: number) => `${sheet}!$${column}$${row}`;

export const formula = (text: string, result: number | string | null): Formula => ({ formula: text, result: result ?? '' });

/** A line above a sheet's table: its cells, and how the first cell looks (the others are plain). */
export interface PreambleRow {
  cells: Cell[];
  kind?: CellKind;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  /** Rows above the header: title, notes, parameters. The header row follows them and stays frozen. */
  preamble: PreambleRow[];
  /** About holds the hash, so it is the one sheet not hashed. */
  hashed?: boolean;
  /** A filter on the table (default); About is a list, not a table. */
  filter?: boolean;
}

/** What was written to one sheet: the benchmark's baseline writes the same number of rows and cells. */
export interface SheetStats {
  sheet: string;
  rows: number;
  cells: number;
}

/**
 * The workbook being streamed: sheets are written one after another (each finished before the next
 * starts, so the zip never waits on an open sheet), every data row is added to the data hash, and the
 * tabs are put in `tabOrder` at the end, so About can come first although it is written last.
 */
export class WorkbookFile {
  readonly hash = new DataHash();
  readonly stats: SheetStats[] = [];
  private readonly writer: OrderedWorkbookWriter;

  constructor(readonly output: Writable, tabOrder: readonly string[], meta: { creator: string; created: Date }) {
    this.writer = new OrderedWorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    this.writer.tabOrder = tabOrder;
    this.writer.creator = meta.creator;
    this.writer.lastModifiedBy = meta.creator;
    this.writer.created = meta.created;
    this.writer.modified = meta.created;
  }

  sheet(spec: SheetSpec): SheetWriter {
    return new SheetWriter(this, spec);
  }

  /** Writes the remaining parts and waits until the whole file has gone to the output. */
  async finish(): Promise<void> {
    await untilClosed(this.writer.commit(), this.output);
  }

  /** @internal for SheetWriter */
  addWorksheet(name: string, headerRow: number): ExcelJS.Worksheet {
    return this.writer.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  }
}

/** One sheet: a preamble, a frozen header row, then the table's rows, each hashed as it is written. */
export class SheetWriter {
  private readonly headerRow: number;
  private readonly worksheet: ExcelJS.Worksheet;
  private readonly styles: Partial<ExcelJS.Style>[];
  private rowNumber = 0;
  private tableEnd: number | null = null;
  private readonly stats: SheetStats;

  constructor(private readonly book: WorkbookFile, private readonly spec: SheetSpec) {
    this.stats = { sheet: spec.name, rows: 0, cells: 0 };
    book.stats.push(this.stats);
    this.headerRow = spec.preamble.length + 1;
    this.worksheet = book.addWorksheet(spec.name, this.headerRow);
    this.worksheet.columns = spec.columns.map((c) => ({ width: c.width }));
    this.styles = spec.columns.map((c) => STYLES[c.kind ?? 'text']);
    for (const line of spec.preamble) this.write(line.cells, [STYLES[line.kind ?? 'label'], STYLES.text]);
    this.write(spec.columns.map((c) => c.header), spec.columns.map(() => STYLES.header));
  }

  /** The number the next row will have. */
  get nextRow(): number {
    return this.rowNumber + 1;
  }

  /** Adds a row of the table; returns its row number. */
  add(cells: readonly Cell[]): number {
    return this.write(cells, this.styles);
  }

  /** Adds a row outside the table (a second small table below it), with the given look. */
  addLine(cells: readonly Cell[], kind: CellKind = 'text'): number {
    if (this.tableEnd === null) this.tableEnd = this.rowNumber;
    return this.write(cells, cells.map(() => STYLES[kind]));
  }

  /** Call between pages of a long sheet: memory stays flat however long the sheet grows. */
  drain(): Promise<void> {
    forgetWrittenFormulas(this.worksheet);
    return waitForZip(this.worksheet, this.book.output);
  }

  /** Filter on the table, protection against accidental edits (no password), then the sheet is final. */
  async finish(): Promise<void> {
    const lastTableRow = this.tableEnd ?? this.rowNumber;
    if (this.spec.filter ?? true) {
      this.worksheet.autoFilter = { from: { row: this.headerRow, column: 1 }, to: { row: Math.max(lastTableRow, this.headerRow), column: this.spec.columns.length } };
    }
    await this.worksheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, autoFilter: true, formatColumns: true, formatRows: true, sort: false });
    this.worksheet.commit();
  }

  private write(cells: readonly Cell[], styles: readonly Partial<ExcelJS.Style>[]): number {
    const values = cells.map((c) => (c === null || c === '' ? undefined : c));
    const row = this.worksheet.addRow(values);
    values.forEach((value, i) => {
      if (value !== undefined) row.getCell(i + 1).style = styles[Math.min(i, styles.length - 1)];
    });
    row.commit();
    this.rowNumber = row.number;
    this.stats.rows++;
    this.stats.cells += values.filter((v) => v !== undefined).length;
    // An empty row is not written to the file at all, so it is not hashed either.
    if ((this.spec.hashed ?? true) && values.some((v) => v !== undefined)) this.book.hash.add(this.spec.name, row.number, values.map((v) => v ?? null));
    return row.number;
  }
}
