import PDFDocument from 'pdfkit';
import type { InvolvementDto } from './involvement.dto.js';

const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
export const dateRange = (from: string, to: string) => (from === to ? longDate(from) : `${longDate(from)} to ${longDate(to)}`);

/** The record of involvement as a PDF the young partner can keep, print or attach to an application. */
export function involvementPdf(record: InvolvementDto): Promise<Buffer> {
  const created = new Date(record.generatedAt);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Record of involvement: ${record.name}`, Author: 'Commissioning rounds', CreationDate: created, ModDate: created } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(11).moveDown(0.2);

  doc.font('Helvetica-Bold').fontSize(18).text('Record of involvement');
  doc.font('Helvetica').fontSize(12).text(`${record.name}, young partner`).moveDown(0.4);
  doc.fontSize(11).text(
    'Young partners are young people with lived experience who help choose the organisations that run services for young people: ' +
      'they check the questions organisations are asked, read and score their applications, and agree marks as a group.',
  );
  heading('In total');
  doc.text(`${record.work.length} ${record.work.length === 1 ? 'piece of work' : 'pieces of work'}; ${record.applications} organisations' applications assessed; ${record.questions} questions scored.`);
  heading('What I did');
  if (record.work.length === 0) doc.text('Nothing recorded yet.');
  for (const work of record.work) {
    doc.moveDown(0.3).font('Helvetica-Bold').text(work.title).font('Helvetica').text(`${dateRange(work.from, work.to)} (${work.reference})`);
    for (const role of work.roles) doc.text(`${role.label}: ${role.what}`, { indent: 12 });
  }
  if (record.skills.length) {
    heading('Skills used');
    for (const skill of record.skills) doc.text(`- ${skill}`);
  }
  doc.moveDown(1).fontSize(8).fillColor('#555555').text(`Produced on ${longDate(record.generatedAt.slice(0, 10))} from the records of the commissioning team, who can confirm it for a reference.`);
  doc.end();
  return done;
}
