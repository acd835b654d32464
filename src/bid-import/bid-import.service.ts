import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Bid } from '../bids/bid.entity.js';
import { saveRegisteredBid } from '../bids/bids.service.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { RoundTransition } from '../round-core/round-transition.entity.js';
import type { Round } from '../round-core/round.entity.js';
import type { User } from '../users/user.entity.js';
import { BidUpload } from './bid-upload.entity.js';
import type { ImportPreviewDto, ImportResultDto, PreviewBidDto } from './bid-import.dto.js';
import { checkImport, supplierKey, type ImportRules, type ImportProblem } from './check-import.js';
import { csvTemplate, xlsxTemplate } from './import-template.js';
import { formatOf, readRows, UnreadableFileError } from './read-rows.js';
import { BidImportErrorCode } from './bid-import-error-codes.js';

/**
 * Bids from a spreadsheet: the lead downloads a template made from the round, uploads it filled in, sees
 * every problem at once, and confirms a clean file; only then are the bids registered, all in one
 * transaction, each with its own audit event (as if registered one by one).
 */
@Injectable()
export class BidImportService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  template(actor: User, roundId: string, format: 'xlsx' | 'csv'): Promise<{ body: Buffer | string; fileName: string }> {
    return this.commands.query(actor, roundId, (viewer) => viewer.assertLead('download the bid import template'), async ({ manager, round }) => {
      const questions = questionsOf(await loadCriteriaTree(manager, round.id));
      const answerable = questions.filter((q) => q.type !== 'price').map((q) => ({ key: q.key, title: q.title, text: q.text }));
      const hasPrice = questions.some((q) => q.type === 'price');
      const fileName = `${round.reference}-bid-import.${format}`;
      const lots = round.lots ?? [];
      return { body: format === 'xlsx' ? await xlsxTemplate(round.reference, answerable, hasPrice, lots) : csvTemplate(answerable, hasPrice, lots), fileName };
    });
  }

  /** Checks the whole file and shows it; keeps a clean file (not its bids) for the lead to confirm. */
  check(actor: User, roundId: string, fileName: string, content: Buffer): Promise<ImportPreviewDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('import bids'), async ({ manager, round, now }) => {
      assertImportOpen(round, now);
      const format = await readable(() => formatOf(content, fileName));
      const rules = await rulesFor(manager, round, now);
      const bids: PreviewBidDto[] = [];
      const result = await readable(() => checkImport(readRows(content, format), rules, (bid) => {
        bids.push({ row: bid.row, supplierName: bid.supplierName, ...(bid.lotKey ? { lotKey: bid.lotKey } : {}), price: bid.price, receivedAt: bid.receivedAt.toISOString(), answers: Object.keys(bid.responses).length });
      }));
      const sha256 = createHash('sha256').update(content).digest('hex');
      const clean = result.problemCount === 0;
      await manager.delete(BidUpload, { roundId: round.id });
      const upload = clean
        ? await manager.save(BidUpload, manager.create(BidUpload, { roundId: round.id, fileName, format, sha256, content: content.toString('base64'), clean, uploadedById: actor.id, uploadedAt: now }))
        : null;
      return { uploadId: upload?.id ?? null, fileName, format, sha256, clean, rows: result.bids, bids, problemCount: result.problemCount, problems: result.problems };
    });
  }

  /** Registers every bid of a clean, checked file in one transaction, checked again against the round as it is now. */
  confirm(actor: User, roundId: string, uploadId: string): Promise<ImportResultDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('import bids'), async ({ manager, round, now }) => {
      const upload = /^[0-9a-f-]{36}$/i.test(uploadId) ? await manager.findOneBy(BidUpload, { id: uploadId, roundId: round.id }) : null;
      if (!upload) throw new NotFoundError(BidImportErrorCode.UploadNotFound, 'No checked file with this id: upload the file and check it first');
      assertImportOpen(round, now);
      const content = Buffer.from(upload.content, 'base64');
      const bidIds: string[] = [];
      const importedFrom = (row: number) => ({ uploadSha256: upload.sha256, row });
      const rules = await rulesFor(manager, round, now);
      const result = await checkImport(readRows(content, upload.format), rules, async (bid, cleanSoFar) => {
        if (!cleanSoFar) return;
        const saved = await saveRegisteredBid(manager, this.audit, round.id, actor, { supplierName: bid.supplierName, lotKey: bid.lotKey, price: bid.price, responses: bid.responses, receivedAt: bid.receivedAt }, importedFrom(bid.row));
        bidIds.push(saved.id);
      });
      // Throwing rolls the whole transaction back: not one bid of the file is kept.
      if (result.problemCount > 0) throw new BusinessRuleError(BidImportErrorCode.FileHasProblems, 'The file no longer passes the checks (the round changed since it was checked): nothing was imported', { problems: result.problems.slice(0, 50).map(describeProblem) });
      await manager.delete(BidUpload, { roundId: round.id });
      await this.commands.save(manager, round, {});
      return { imported: bidIds.length, bidIds };
    });
  }
}

export function describeProblem(p: ImportProblem): string {
  return `Row ${p.row}${p.column ? `, column ${p.column}${p.header ? ` (${p.header})` : ''}` : p.header ? ` (${p.header})` : ''}: ${p.reason}`;
}

function assertImportOpen(round: Round, now: Date): void {
  if (round.state !== 'tendering') throw new ConflictError(BidImportErrorCode.WrongStage, 'Bids are imported while the round is open for tenders', { state: round.state });
  if (round.tenderDeadline && now > round.tenderDeadline) throw new ConflictError(BidImportErrorCode.WrongStage, `The tender deadline (${round.tenderDeadline.toISOString()}) has passed: bids can no longer be imported`, { state: round.state });
}

async function rulesFor(manager: EntityManager, round: Round, now: Date): Promise<ImportRules> {
  const questions = questionsOf(await loadCriteriaTree(manager, round.id));
  const published = await manager.findOne(RoundTransition, { where: { roundId: round.id, toState: 'tendering' }, order: { occurredAt: 'ASC' } });
  const registered = await manager.find(Bid, { where: { roundId: round.id }, select: { id: true, supplierName: true, lotKey: true } });
  return {
    questions: questions.filter((q) => q.type !== 'price').map((q) => ({ key: q.key, title: q.title })),
    hasPrice: questions.some((q) => q.type === 'price'),
    tenderDeadline: round.tenderDeadline,
    publishedAt: published?.occurredAt ?? null,
    now,
    lots: (round.lots ?? []).map((lot) => ({ key: lot.key, title: lot.title })),
    registered: new Set(registered.map((b) => supplierKey(b.lotKey, b.supplierName))),
  };
}

/** A file that cannot be read at all is the caller's mistake (422 naming the file), not a server error. */
async function readable<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new BusinessRuleError(BidImportErrorCode.FileUnreadable, error.message, { field: 'file' });
    throw error;
  }
}
