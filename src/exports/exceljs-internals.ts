import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';

// ExcelJS 4.4's streaming writer needs three workarounds for a workbook of a million rows. Each reaches
// into ExcelJS's internals, so they live here together, each naming the issue it works around.

/** The download was abandoned (the client went away): stop reading and writing. */
export class ExportAbortedError extends Error {
  constructor() {
    super('The workbook download was abandoned before it finished');
    this.name = 'ExportAbortedError';
  }
}

// 1. workbook.xml: the streaming writer ignores calcProperties (exceljs#1671) and orders the tabs as the
//    sheets were added. It is written here instead, with ExcelJS's own xform.
const require = createRequire(import.meta.url);
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as new () => { prepare(model: object): void; toXml(model: object): string };

interface WriterInternals {
  _worksheets: ({ name: string } | undefined)[];
  _definedNames: { model: unknown };
  views: unknown[];
  zip: { append(data: string, options: { name: string }): void };
}

/** A streaming workbook writer that asks for full recalculation on open and shows the tabs in `tabOrder`. */
export class OrderedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  tabOrder: readonly string[] = [];

  override async addWorkbook(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const position = (sheet: { name: string }) => {
      const i = this.tabOrder.indexOf(sheet.name);
      return i === -1 ? this.tabOrder.length : i;
    };
    const worksheets = self._worksheets.filter((s): s is { name: string } => !!s).sort((a, b) => position(a) - position(b));
    const model = { worksheets, definedNames: self._definedNames.model, views: self.views, properties: {}, calcProperties: { fullCalcOnLoad: true } };
    const xform = new WorkbookXform();
    xform.prepare(model);
    self.zip.append(xform.toXml(model), { name: '/xl/workbook.xml' });
  }
}

// 2. Back-pressure: there is none (exceljs#734). A committed row goes into the sheet's buffer whether or
//    not the zip has taken the rows before it, so a loop that writes faster than the zip compresses (or
//    the client downloads) buffers the whole sheet in memory.
const BACKLOG_LIMIT = 4 * 1024 * 1024;

interface ZipEntryStream {
  /** Public on Node's own streams (and readable-stream 4); archiver 5 hands ExcelJS a readable-stream 2 PassThrough without them. */
  writableLength?: number;
  writableNeedDrain?: boolean;
  _writableState?: { length: number; needDrain: boolean };
  once(event: string, listener: () => void): unknown;
}
interface SheetInternals {
  _stream?: { buffers?: { length: number }[]; pipes?: ZipEntryStream[] };
  _formulae?: Record<string, unknown>;
}

/** Waits until the sheet's zip entry has caught up with what was written (at most 4 MB behind). */
export async function waitForZip(worksheet: object, output: Writable): Promise<void> {
  const buffer = (worksheet as SheetInternals)._stream;
  for (;;) {
    if (output.destroyed) throw new ExportAbortedError();
    const entry = buffer?.pipes?.[0];
    const unpiped = (buffer?.buffers ?? []).reduce((total, b) => total + b.length, 0);
    if (unpiped + (entry ? queuedIn(entry) : 0) <= BACKLOG_LIMIT) return;
    if (entry && needsDrain(entry)) await drainedOrClosed(entry, output);
    else await sleep(1); // the zip has not reached this sheet yet: earlier entries are still going out
  }
}

/** What the zip entry holds unwritten, and whether it asked for a drain: the public getters where the stream has them. */
export const queuedIn = (entry: ZipEntryStream): number => entry.writableLength ?? entry._writableState?.length ?? 0;
export const needsDrain = (entry: ZipEntryStream): boolean => entry.writableNeedDrain ?? entry._writableState?.needDrain ?? false;

const drainedOrClosed = (entry: ZipEntryStream, output: Writable) => untilClosed(new Promise<void>((resolve) => entry.once('drain', resolve)), output);

/**
 * `work`, unless the output closes first (the client went away): then ExportAbortedError, rather than
 * waiting for ever for a drain or a finish that cannot come.
 */
export async function untilClosed<T>(work: Promise<T>, output: Writable): Promise<T> {
  if (output.destroyed) throw new ExportAbortedError();
  const stop = new AbortController();
  try {
    return await Promise.race([
      work,
      once(output, 'close', { signal: stop.signal }).then(() => {
        if (!output.writableFinished) throw new ExportAbortedError();
        return work; // closed after finishing: the work is done or about to be
      }),
    ]);
  } finally {
    stop.abort();
  }
}

// 3. The sheet writer keeps every formula cell it has written, to resolve shared formulas (which this
//    workbook never uses): 400,000 formulas would stay in memory to the end of the sheet.
export function forgetWrittenFormulas(worksheet: object): void {
  (worksheet as SheetInternals)._formulae = {};
}
