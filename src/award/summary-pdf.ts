import { formatLondon } from '../../workflows/london-time.js';
import type { AssessmentSummary } from './assessment-summary.js';

/**
 * The assessment summary as a PDF a commissioner can send. The same summary always gives the same
 * bytes (the creation date is the summary's own, and pdfkit derives the file id from it), so the
 * SHA-256 recorded when it was sent can be checked against the file later.
 */
export async function summaryPdf(summary: AssessmentSummary): Promise<Buffer> {
  // Loaded on the first PDF, not at start-up: pdfkit and its fonts are a large share of the app's load time.
  const { default: PDFDocument } = await import('pdfkit');
  const created = new Date(summary.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Assessment summary: ${summary.supplierName}, ${summary.round.reference}`, Author: 'Commissioning rounds', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(10).moveDown(0.2);
  const line = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);

  doc.font('Helvetica-Bold').fontSize(16).text('Assessment summary');
  doc.font('Helvetica').fontSize(10).text('Procurement Act 2023, section 50, and the Procurement Regulations 2024, regulation 31').moveDown(0.5);
  line('Round', `${summary.round.title} (${summary.round.reference})`);
  line('Bidder', summary.supplierName);
  line('Outcome', summary.outcome);
  if (summary.exclusionReason) line('Why', summary.exclusionReason);
  line('Total', `${summary.total} out of 100${summary.rank ? `, ranked ${summary.rank}` : ''}`);
  if (summary.winner) line('Preferred bidder', `${summary.winner.supplierName}, total ${summary.winner.total} out of 100`);

  heading('Scores by criterion');
  for (const c of summary.criteria) {
    doc.font('Helvetica-Bold').text(`${c.key} ${c.title}`);
    doc.font('Helvetica').text(
      `Weighting: ${c.weighting}% of the total (${c.section.title} ${c.section.weighting}%, this question ${c.publishedWeighting}% of it). ` +
        `Available marks: ${c.availableMarks}. Your score: ${c.score ?? 'not scored'}, weighted ${c.weightedScore}.` +
        (c.winnerWeightedScore !== undefined ? ` Preferred bidder: ${c.winnerScore ?? 'not scored'}, weighted ${c.winnerWeightedScore}.` : ''),
    );
    for (const reason of c.reasons) doc.text(`Reason. ${reason}`, { indent: 12 });
    doc.moveDown(0.4);
  }

  if (summary.whyNotSuccessful.length > 0) {
    heading('Why your bid was not successful');
    for (const reason of summary.whyNotSuccessful) doc.text(`- ${reason}`);
  }
  if (summary.tieBreak) {
    heading('Tie-break');
    doc.text(`Published rule: ${summary.tieBreak.published}`);
    doc.text(summary.tieBreak.explanation);
  }
  heading('Standstill');
  doc.text(summary.standstill.rule);
  if (summary.standstill.endsAt) doc.text(`The award notice was published on ${formatLondon(summary.standstill.awardNoticeAt!)}; the standstill ends at ${formatLondon(summary.standstill.endsAt)} (London time).`);
  else if (summary.standstill.endsIfNoticeOnGeneratedDay) doc.text(`If the award notice is published on the day of this summary, the standstill ends at ${formatLondon(summary.standstill.endsIfNoticeOnGeneratedDay)} (London time).`);
  doc.moveDown(1).fontSize(8).fillColor('#555555').text(`Generated ${formatLondon(summary.generatedAt)} (London time).`);
  doc.end();
  return done;
}
