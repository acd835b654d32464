import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Writable } from 'node:stream';

/** The download was abandoned (the client went away): stop reading and writing. */
export class ExportAbortedError extends Error {
  constructor() {
    super('The workbook download was abandoned before it finished');
    this.name = 'ExportAbortedError';
  }
}

/** How much sheet XML may wait for the zip before the export pauses. */
const BACKLOG_LIMIT = 4 * 1024 * 1024;

// The two ExcelJS internals read here, and nowhere else.
interface ZipEntryStream {
  _writableState?: { length: number; needDrain: boolean };
  once(event: string, listener: () => void): unknown;
}
interface SheetBuffer {
  buffers?: { length: number }[];
  pipes?: ZipEntryStream[];
}

/**
 * ExcelJS's streaming writer has no back-pressure (exceljs#734): a committed row goes into the sheet's
 * buffer whether or not the zip has taken the rows before it, so a loop that writes faster than the
 * zip compresses (or the client downloads) buffers the whole sheet in memory. After each page the
 * export waits here until the sheet's zip entry has caught up, which keeps memory flat.
 */
export async function waitForZip(worksheet: object, output: Writable): Promise<void> {
  const buffer = (worksheet as { _stream?: SheetBuffer })._stream;
  for (;;) {
    if (output.destroyed) throw new ExportAbortedError();
    const entry = buffer?.pipes?.[0];
    const unpiped = (buffer?.buffers ?? []).reduce((total, b) => total + b.length, 0);
    const state = entry?._writableState;
    if (unpiped + (state?.length ?? 0) <= BACKLOG_LIMIT) return;
    if (entry && state?.needDrain) await drainedOrClosed(entry, output);
    else await sleep(1); // the zip has not reached this sheet yet: earlier entries are still going out
  }
}

async function drainedOrClosed(entry: ZipEntryStream, output: Writable): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([
      new Promise<void>((resolve) => entry.once('drain', resolve)),
      once(output, 'close', { signal: stop.signal }).then(() => {
        throw new ExportAbortedError();
      }),
    ]);
  } finally {
    stop.abort();
  }
}
