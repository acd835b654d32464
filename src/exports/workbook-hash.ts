import { createHash } from 'node:crypto';

/** A cell as the workbook holds it: text, a number, empty, or a formula (its cached result is not hashed). */
export type HashedCell = string | number | null | { formula: string };

/**
 * The SHA-256 of the exported data, defined so anyone can recompute it from the file alone:
 * for every sheet after About, in tab order, and every non-empty row of that sheet from row 1 down, one line
 *   JSON.stringify([sheet name, row number, cell 1, cell 2, ...]) + "\n"
 * where a text cell is a JSON string, a number a JSON number, an empty cell null, a formula cell
 * {"formula": "<the formula without its leading =>"}, and trailing empty cells are left out.
 * The hash covers the UTF-8 bytes of all the lines in order. Cached formula results are not hashed:
 * the formulas and the raw cells they read are.
 */
export class DataHash {
  private readonly sha = createHash('sha256');
  private lines = 0;
  // Lines are hashed in batches: one update per line costs more than the hashing itself.
  private pending = '';

  add(sheet: string, rowNumber: number, cells: readonly HashedCell[]): void {
    this.pending += hashLine(sheet, rowNumber, cells);
    this.lines++;
    if (this.pending.length > 65_536) this.flush();
  }

  /** Finishes the hash: hex digest and the number of lines it covers. */
  digest(): { sha256: string; lines: number } {
    this.flush();
    return { sha256: this.sha.digest('hex'), lines: this.lines };
  }

  private flush(): void {
    this.sha.update(this.pending, 'utf8');
    this.pending = '';
  }
}

export function hashLine(sheet: string, rowNumber: number, cells: readonly HashedCell[]): string {
  let last = cells.length - 1;
  while (last >= 0 && isEmpty(cells[last])) last--;
  const canonical: HashedCell[] = [];
  for (let i = 0; i <= last; i++) canonical.push(canonicalCell(cells[i]));
  return JSON.stringify([sheet, rowNumber, ...canonical]) + '\n';
}

function isEmpty(cell: HashedCell | undefined): boolean {
  return cell === null || cell === undefined || cell === '';
}

function canonicalCell(cell: HashedCell | undefined): HashedCell {
  if (isEmpty(cell)) return null;
  if (typeof cell === 'object') return { formula: cell!.formula };
  if (typeof cell === 'number' && !Number.isFinite(cell)) throw new RangeError(`A workbook cell cannot hold ${cell}`);
  return cell!;
}
