import { createHash } from 'node:crypto';
import { DataHash, hashLine } from './workbook-hash.js';

describe('the data hash of a workbook', () => {
  it('writes one compact JSON line per row: sheet, row, cells, with empty cells as null and none at the end', () => {
    expect(hashLine('Scores', 4, ['B1', 'Alder', null, 3, '', undefined as unknown as null])).toBe('["Scores",4,"B1","Alder",null,3]\n');
    expect(hashLine('Results', 5, [{ formula: 'SUM(Calculation!K4:K7)' }])).toBe('["Results",5,{"formula":"SUM(Calculation!K4:K7)"}]\n');
  });

  it('hashes a formula, not its cached value, so recalculating a workbook does not change its hash', () => {
    const cached = { formula: 'A1*2', result: 6 } as { formula: string };
    const recalculated = { formula: 'A1*2', result: 6.000000000000001 } as { formula: string };
    expect(hashLine('Calculation', 9, [cached])).toBe(hashLine('Calculation', 9, [recalculated]));
  });

  it('tells text from numbers and a formula from text that looks like one', () => {
    const lines = new Set([hashLine('S', 1, ['3']), hashLine('S', 1, [3]), hashLine('S', 1, ['=A1']), hashLine('S', 1, [{ formula: 'A1' }])]);
    expect(lines.size).toBe(4);
  });

  it('is the SHA-256 of all the lines in order, however many rows are batched together', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ['Scores', i + 1, [`B${i % 7}`, i % 5, `justification ${i} with a "quote" and a £ sign`]] as const);
    const hash = new DataHash();
    for (const [sheet, row, cells] of rows) hash.add(sheet, row, cells);
    const expected = createHash('sha256').update(rows.map(([sheet, row, cells]) => hashLine(sheet, row, cells)).join(''), 'utf8').digest('hex');
    expect(hash.digest()).toEqual({ sha256: expected, lines: 5_000 });
  });

  it('refuses a number no spreadsheet can hold', () => {
    expect(() => hashLine('S', 1, [Number.NaN])).toThrow(RangeError);
  });
});
