import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { FIXED_HEADERS } from './check-import.js';

export interface TemplateLot {
  key: string;
  title: string;
}

export interface TemplateQuestion {
  key: string;
  title: string;
  text: string;
}

/** The columns of a round's import template, with the note each heading carries. */
function columns(questions: TemplateQuestion[], hasPrice: boolean, lots: TemplateLot[]): { header: string; csvHeader: string; note: string; width: number }[] {
  return [
    { header: FIXED_HEADERS.supplierName, csvHeader: FIXED_HEADERS.supplierName, note: 'The organisation that bid, as it will appear in the round (one bid per supplier)', width: 32 },
    ...(lots.length > 0 ? [{ header: FIXED_HEADERS.lot, csvHeader: FIXED_HEADERS.lot, note: `The lot the bid is for, by key: ${lots.map((l) => `${l.key} (${l.title})`).join(', ')}. A supplier bidding for several lots has one row per lot`, width: 10 }] : []),
    ...(hasPrice ? [{ header: FIXED_HEADERS.price, csvHeader: FIXED_HEADERS.price, note: 'Total price in pounds, e.g. 1745000.00 (no £ sign needed)', width: 16 }] : []),
    { header: FIXED_HEADERS.receivedAt, csvHeader: FIXED_HEADERS.receivedAt, note: 'When the bid arrived, as a date and time such as 2027-02-10T14:30:00Z; on or before the tender deadline', width: 24 },
    ...questions.map((q) => ({ header: q.key, csvHeader: `${q.key}: ${q.text}`, note: `${q.key} ${q.title}\n\n${q.text}`, width: 40 })),
  ];
}

/** The template as an Excel workbook: one heading row, the question text in each heading's note. */
export async function xlsxTemplate(reference: string, questions: TemplateQuestion[], hasPrice: boolean, lots: TemplateLot[] = []): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Bids');
  const cols = columns(questions, hasPrice, lots);
  sheet.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  cols.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = c.note;
    cell.font = { bold: true };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  book.creator = `Import template for ${reference}`;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The template as CSV: a CSV has no notes, so each question's heading is its key followed by its text. */
export function csvTemplate(questions: TemplateQuestion[], hasPrice: boolean, lots: TemplateLot[] = []): string {
  return stringify([columns(questions, hasPrice, lots).map((c) => c.csvHeader)]);
}
