import { PRICE_PATTERN } from '../bids/bid.dto.js';
import type { SheetRow } from './read-rows.js';

/** A problem in the file, by spreadsheet row and column (letter and header), in words. */
export interface ImportProblem {
  row: number;
  column: string | null;
  header: string | null;
  reason: string;
}

/** A row that passed every check, ready to register. */
export interface CheckedBid {
  row: number;
  supplierName: string;
  /** One of the round's lot keys, or '' (NO_LOT) in a round without lots. */
  lotKey: string;
  price: string | null;
  receivedAt: Date;
  responses: Record<string, string>;
}

/** What the checks need to know of the round, read in the same transaction. */
export interface ImportRules {
  questions: { key: string; title: string }[];
  hasPrice: boolean;
  tenderDeadline: Date | null;
  publishedAt: Date | null;
  now: Date;
  /** The round's lots (key and title); empty for a round without lots. */
  lots: { key: string; title: string }[];
  /** Bids already registered, by supplierKey(lot, supplier). */
  registered: ReadonlySet<string>;
}

/** A supplier bids once per lot: the key the duplicate checks compare. */
export const supplierKey = (lotKey: string, supplierName: string): string => JSON.stringify([lotKey, supplierName]);

export const FIXED_HEADERS = { supplierName: 'Supplier name', lot: 'Lot', price: 'Price (£)', receivedAt: 'Received at (UTC)' } as const;
export const MAX_BIDS = 5000;
const MAX_PROBLEMS = 2000;
const QUESTION_HEADER = /^([A-Z][A-Z0-9]{0,19})(?:\s*[:\u2014-].*)?$/s;

type Field = 'supplierName' | 'lot' | 'price' | 'receivedAt' | { question: string };

export const columnName = (index: number): string => {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
};

function fieldOf(header: string): Field | null {
  const plain = header.trim().toLowerCase();
  if (plain === 'supplier name' || plain === 'supplier') return 'supplierName';
  if (plain === 'lot') return 'lot';
  if (plain.startsWith('price')) return 'price';
  if (plain.startsWith('received at') || plain === 'received') return 'receivedAt';
  const key = QUESTION_HEADER.exec(header.trim());
  return key ? { question: key[1] } : null;
}

/**
 * Checks a whole file of bids, row by row as it streams, and hands each clean row to `onBid` (saying
 * whether the file has been clean so far). Every
 * problem is collected (not only the first), each with its row, column and reason; the caller saves
 * nothing unless there are none. Only the supplier names seen so far are kept, so memory stays flat.
 */
export async function checkImport(rows: AsyncIterable<SheetRow>, rules: ImportRules, onBid: (bid: CheckedBid, cleanSoFar: boolean) => Promise<void> | void): Promise<{ problems: ImportProblem[]; problemCount: number; bids: number }> {
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const report = (problem: ImportProblem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let columns: { index: number; header: string; field: Field }[] | null = null;
  const seen = new Map<string, number>();
  let bids = 0;

  for await (const row of rows) {
    if (!columns) {
      columns = [];
      if (row.number !== 1 || row.cells.every((c) => c === '')) {
        report({ row: row.number, column: null, header: null, reason: 'The first row must be the header row of the import template' });
        break;
      }
      const found = new Set<string>();
      row.cells.forEach((header, index) => {
        if (header === '') return;
        const field = fieldOf(header);
        const name = field === null ? null : typeof field === 'string' ? field : field.question;
        if (field === null || (typeof field !== 'string' && !rules.questions.some((q) => q.key === field.question))) {
          report({ row: 1, column: columnName(index), header, reason: `"${header}" is not a column of this round's template (unknown question or heading)` });
        } else if (found.has(name!)) {
          report({ row: 1, column: columnName(index), header, reason: `"${header}" appears twice` });
        } else if (field === 'price' && !rules.hasPrice) {
          report({ row: 1, column: columnName(index), header, reason: 'This round does not score price: leave the price column out' });
        } else {
          found.add(name!);
          columns!.push({ index, header, field });
        }
      });
      const required = [
        ['supplierName', FIXED_HEADERS.supplierName], ...(rules.lots.length > 0 ? [['lot', FIXED_HEADERS.lot]] : []), ['receivedAt', FIXED_HEADERS.receivedAt],
        ...(rules.hasPrice ? [['price', FIXED_HEADERS.price]] : []),
        ...rules.questions.map((q) => [q.key, q.key]),
      ];
      for (const [name, header] of required) {
        if (!found.has(name)) report({ row: 1, column: null, header, reason: `The column "${header}" is missing` });
      }
      continue;
    }
    if (row.cells.every((c) => c === '')) continue;
    if (++bids > MAX_BIDS) {
      report({ row: row.number, column: null, header: null, reason: `A file can hold at most ${MAX_BIDS} bids` });
      break;
    }
    const rowProblems: ImportProblem[] = [];
    const problem = (col: { index: number; header: string }, reason: string) => rowProblems.push({ row: row.number, column: columnName(col.index), header: col.header, reason });
    const bid: CheckedBid = { row: row.number, supplierName: '', lotKey: '', price: null, receivedAt: new Date(NaN), responses: {} };
    let supplierColumn: { index: number; header: string } | null = null;
    let lotKnown = rules.lots.length === 0;
    for (const col of columns) {
      const value = row.cells[col.index] ?? '';
      if (col.field === 'supplierName') {
        if (value === '') problem(col, 'The supplier name is missing');
        else if (value.length > 200) problem(col, 'The supplier name is longer than 200 characters');
        else supplierColumn = col;
        bid.supplierName = value;
      } else if (col.field === 'lot') {
        const lot = rules.lots.find((l) => l.key === value || l.title === value);
        if (rules.lots.length === 0) {
          if (value !== '') problem(col, 'This round has no lots: leave the lot empty');
        } else if (value === '') problem(col, 'The lot is missing');
        else if (!lot) problem(col, `"${value}" is not a lot of this round (${rules.lots.map((l) => l.key).join(', ')})`);
        else {
          bid.lotKey = lot.key;
          lotKnown = true;
        }
      } else if (col.field === 'price') {
        const price = value.replace(/^£/, '').replace(/,/g, '');
        if (value === '') problem(col, 'The price is missing');
        else if (!PRICE_PATTERN.test(price)) problem(col, `"${value}" is not a price in pounds such as 1745000.00`);
        else if (Number(price) <= 0) problem(col, 'The price must be more than zero');
        else bid.price = price;
      } else if (col.field === 'receivedAt') {
        const at = new Date(value);
        if (value === '') problem(col, 'When the bid was received is missing');
        else if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) problem(col, `"${value}" is not a date and time such as 2027-02-10T14:30:00Z`);
        else if (rules.tenderDeadline && at > rules.tenderDeadline) problem(col, `Received after the tender deadline (${rules.tenderDeadline.toISOString()})`);
        else if (at > rules.now) problem(col, 'Received in the future');
        else if (rules.publishedAt && at < rules.publishedAt) problem(col, `Received before the round was published (${rules.publishedAt.toISOString()})`);
        else bid.receivedAt = at;
      } else {
        if (value === '') problem(col, `The answer to ${col.field.question} is missing`);
        else bid.responses[col.field.question] = value;
      }
    }
    // Once the lot is known: a supplier bids once per lot, in the round and in the file.
    if (supplierColumn && lotKnown) {
      const key = supplierKey(bid.lotKey, bid.supplierName);
      const inLot = rules.lots.length > 0 ? ` for lot ${bid.lotKey}` : '';
      if (rules.registered.has(key)) problem(supplierColumn, `A bid from ${bid.supplierName}${inLot} is already registered`);
      else if (seen.has(key)) problem(supplierColumn, `${bid.supplierName} already has a bid${inLot} on row ${seen.get(key)}`);
      else seen.set(key, row.number);
    }
    const extra = row.cells.findIndex((c, i) => c !== '' && !columns!.some((col) => col.index === i));
    if (extra >= 0) rowProblems.push({ row: row.number, column: columnName(extra), header: null, reason: 'A value in a column without a heading' });
    rowProblems.forEach(report);
    if (rowProblems.length === 0) await onBid(bid, problemCount === 0);
  }
  if (!columns) report({ row: 1, column: null, header: null, reason: 'The file is empty' });
  else if (bids === 0 && problemCount === 0) report({ row: 2, column: null, header: null, reason: 'The file has no bids below the header row' });
  return { problems, problemCount, bids };
}
