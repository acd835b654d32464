import PDFDocument from 'pdfkit';
import { toDisplay } from '../results/index.js';
import type { YouSaidWeDidDto } from './you-said-we-did.dto.js';

const WHO: Record<string, string> = { youngPartners: 'marked by young partners only', both: 'marked by young partners and professionals', professionals: 'marked by professionals', price: 'worked out from the price' };

/** "You said, we did" as a printable PDF, in the same plain words as the page. */
export function youSaidWeDidPdf(feedback: YouSaidWeDidDto, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `You said, we did: ${feedback.title}`, Author: 'Commissioning rounds', CreationDate: generatedAt, ModDate: generatedAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).text(text).font('Helvetica').fontSize(11).moveDown(0.3);
  const bullet = (text: string) => doc.text(`- ${text}`, { indent: 8 });

  doc.font('Helvetica-Bold').fontSize(20).text('You said, we did');
  doc.font('Helvetica').fontSize(12).text(feedback.title).moveDown(0.3);

  heading('What you said');
  if (!feedback.said.length) doc.text('No statements are linked to this piece of work yet.');
  for (const s of feedback.said) {
    doc.font('Helvetica-Bold').text(`"${s.text}"`).font('Helvetica');
    if (s.questions.length) bullet(`Questions that came from it: ${s.questions.map((q) => q.title).join('; ')}`);
    if (s.kpis.length) bullet(`Now tracked by: ${s.kpis.map((k) => k.name).join('; ')}`);
    doc.moveDown(0.3);
  }

  heading('What we did');
  for (const q of feedback.questions) {
    bullet(`${q.title}: worth ${toDisplay(q.points)} points out of 100, ${WHO[q.markedBy]}${q.youngPartnerPoints !== '0' ? ` (${toDisplay(q.youngPartnerPoints)} of them from your marks)` : ''}.`);
  }
  if (feedback.outcomes.length) {
    for (const outcome of feedback.outcomes) {
      // A round with lots: one block per lot, headed by its title (the area or part of the work).
      if (outcome.lot) doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(outcome.lot.title).fontSize(11);
      doc.moveDown(0.4).font('Helvetica-Bold').text(outcome.summary).font('Helvetica').moveDown(0.3);
      for (const o of outcome.organisations) {
        bullet(`${o.name}${o.awarded ? ' (got the work)' : ''}: ${toDisplay(o.total)} points, of which ${toDisplay(o.youngPartners)} from young partners (${o.youngPartnerShare}%).` +
          (o.totalWithout !== null && outcome.without ? ` Without young partners: ${toDisplay(o.totalWithout)} out of ${toDisplay(outcome.without.outOf)}.` : ''));
      }
    }
  } else {
    doc.moveDown(0.3).text('How your marks shaped the result will show here once we have told the organisations who got the work.');
  }
  heading('How the service is doing');
  if (!feedback.kpis.length) doc.text('The things we will check about the service have not been set yet.');
  for (const k of feedback.kpis) {
    doc.font('Helvetica-Bold').text(k.name).font('Helvetica');
    bullet(`Aim: ${k.direction === 'atLeast' ? 'at least' : 'at most'} ${k.target} ${k.unit}`);
    if (!k.byLot.length) bullet('No results yet');
    for (const { lot, latest } of k.byLot) {
      const where = lot ? `${lot.title}: ` : '';
      bullet(latest ? `${where}Latest (${latest.periodStart} to ${latest.periodEnd}): ${latest.value} ${k.unit}, ${latest.met ? 'on target' : 'not on target yet'}` : `${where}No results yet`);
    }
    doc.moveDown(0.3);
  }
  doc.moveDown(1).fontSize(8).fillColor('#555555').text(`Made on ${generatedAt.toISOString().slice(0, 10)}.`);
  doc.end();
  return done;
}
