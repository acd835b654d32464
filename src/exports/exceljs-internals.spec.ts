import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { forgetWrittenFormulas, needsDrain, OrderedWorkbookWriter, queuedIn } from './exceljs-internals.js';

/**
 * Canary: the workarounds in exceljs-internals.ts read ExcelJS's private fields. If an upgrade renames
 * or drops one, this fails by name, before a million-row export quietly loses its back-pressure.
 */
describe('the ExcelJS internals the workbook export relies on', () => {
  const started = () => {
    const output = new PassThrough();
    output.resume();
    const writer = new OrderedWorkbookWriter({ stream: output });
    const sheet = writer.addWorksheet('Canary');
    for (let i = 0; i < 500; i++) sheet.addRow([i, 'x'.repeat(200), { formula: `A${i + 1}*2` }]).commit();
    return { writer, sheet: sheet as unknown as Record<string, unknown> };
  };

  it('still has the fields each workaround reads', async () => {
    const { writer, sheet } = started();
    const internals = writer as unknown as Record<string, unknown>;
    expect(Array.isArray(internals._worksheets)).toBe(true);
    expect(internals._definedNames).toHaveProperty('model');
    expect(typeof (internals.zip as { append?: unknown }).append).toBe('function');
    const stream = sheet._stream as { buffers?: unknown; pipes?: unknown[] };
    expect(Array.isArray(stream.buffers)).toBe(true);
    expect(Array.isArray(stream.pipes)).toBe(true);
    expect(typeof sheet._formulae).toBe('object');
    const entry = stream.pipes![0] as Parameters<typeof queuedIn>[0];
    // The zip entry's backlog, through the public getters or (on this stream) its writable state.
    expect(typeof (entry.writableLength ?? entry._writableState?.length)).toBe('number');
    expect(typeof (entry.writableNeedDrain ?? entry._writableState?.needDrain)).toBe('boolean');
    expect(queuedIn(entry)).toBeGreaterThan(0);
    expect(typeof needsDrain(entry)).toBe('boolean');
    forgetWrittenFormulas(sheet);
    expect(sheet._formulae).toEqual({});
    await writer.commit();
  });

  it('is the ExcelJS version these workarounds were written for (package.json pins it exactly)', async () => {
    const { createRequire } = await import('node:module');
    const version = (createRequire(import.meta.url)('exceljs/package.json') as { version: string }).version;
    expect(version).toBe('4.4.0');
    expect(typeof ExcelJS.stream.xlsx.WorkbookWriter).toBe('function');
  });
});
