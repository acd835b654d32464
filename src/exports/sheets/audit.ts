import type { AuditService, VerifyResult } from '../../audit/audit.service.js';
import type { Database } from '../../database/database.js';
import { canonicalEvent, hashEvent } from '../../audit/audit-chain.js';
import { instant, type WorkbookContext } from '../workbook-context.js';
import type { ColumnSpec, WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const COLUMNS = {
  sequence: { header: 'Sequence', width: 10, kind: 'number' },
  at: { header: 'When (UTC)', width: 25 },
  type: { header: 'Event', width: 30 },
  by: { header: 'By', width: 24 },
  prevHash: { header: 'Previous hash', width: 20 },
  hash: { header: 'Hash = SHA-256(previous hash + hashed content)', width: 20 },
  check: { header: 'Hash recomputed for this file', width: 12 },
  content: { header: 'Hashed content (RFC 8785 canonical JSON)', width: 80 },
} satisfies Record<string, ColumnSpec>;

const PAGE = 5_000;
/** A spreadsheet cell holds at most 32,767 characters. */
const CELL_LIMIT = 32_000;

/**
 * The round's audit events with their hashes, read a page at a time, each re-hashed here; above them,
 * the check of the whole chain (every round's events), which is what shows nothing was altered.
 */
export async function writeAudit(book: WorkbookFile, ctx: WorkbookContext, services: { db: Database; audit: AuditService }): Promise<void> {
  const chain = await services.audit.verify(ctx.round.id);
  const sheet = book.sheet({
    name: SHEET.audit,
    columns: Object.values(COLUMNS),
    preamble: [
      { cells: ["Audit trail: this round's events, hash-chained"], kind: 'title' },
      { cells: [chainSummary(chain)], kind: chain.chainValid ? 'note' : 'banner' },
      { cells: [dataSummary(chain)], kind: chain.data.valid ? 'note' : 'banner' },
      { cells: ["Each event's hash is SHA-256 of its previous hash followed by its hashed content; the previous hash is the hash of the event before it in this round's own chain (row above), the first event's being 64 zeros. The system chain's checkpoints record this chain's head, so the last hash of the system chain pins it too."], kind: 'note' },
    ],
  });
  let after = 0;
  for (;;) {
    const page = await services.audit.list({ roundId: ctx.round.id, afterSequence: after, limit: PAGE });
    if (page.length === 0) break;
    await services.db.read((manager) => ctx.actors.resolve(manager, page.map((e) => e.actorId)));
    for (const event of page) {
      // Exactly the text that was hashed, so a reader can recompute the hash themselves.
      const content = canonicalEvent(event);
      sheet.add([
        event.sequence, instant(event.occurredAt), event.type, ctx.actors.name(event.actorId), event.prevHash, event.hash,
        hashEvent(event.prevHash, event) === event.hash ? 'matches' : 'DOES NOT MATCH',
        content.length <= CELL_LIMIT ? content : `${content.slice(0, CELL_LIMIT)}... (cut at ${CELL_LIMIT} of ${content.length} characters: GET /api/rounds/${ctx.round.id}/audit has it whole)`,
      ]);
    }
    after = page[page.length - 1].sequence;
    await sheet.drain();
  }
  await sheet.finish();
}

function dataSummary({ checkedAt, data }: VerifyResult): string {
  if (data.valid) return `This round's data checked against the trail at ${checkedAt}: all ${data.rowsChecked} audited rows (scores, consensus, bids, compliance, conflicts, panel, state changes, award decision) are as recorded.`;
  const named = data.mismatches.slice(0, 20).map((m) => `${m.table} ${m.row}${m.field ? ` ${m.field}` : ''}`).join('; ');
  return `This round's data checked against the trail at ${checkedAt}: CHANGED OUTSIDE THE APP, ${data.mismatchCount} of ${data.rowsChecked} audited rows differ: ${named}.`;
}

function chainSummary(chain: VerifyResult): string {
  return chain.chainValid
    ? `This round's audit chain and the system chain checked at ${chain.checkedAt}: intact, ${chain.eventsChecked} events, system chain's last hash ${chain.lastHash}.`
    : `This round's audit chain and the system chain checked at ${chain.checkedAt}: BROKEN at event ${chain.firstBreak!.sequence} (${chain.firstBreak!.roundId ? 'this round' : chain.firstBreak!.chain === 'legacy' ? 'the single chain before the conversion' : 'the system chain'}): ${chain.firstBreak!.problem}.`;
}
