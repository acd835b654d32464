import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { SCORING_STARTED } from '../round-core/round-stages.js';
import { BusinessRuleError, ConflictError, ForbiddenError, NotYetVisibleError } from '../common/errors.js';
import { projectRoot } from '../common/project-root.js';
import { Database } from '../database/database.js';
import { RoundCommands } from '../round-core/round-commands.js';
import type { Round } from '../round-core/round.entity.js';
import { Score } from '../scoring/score.entity.js';
import type { User } from '../users/user.entity.js';
import { writeAbout } from './sheets/about.js';
import { writeAudit } from './sheets/audit.js';
import { writeBids } from './sheets/bids.js';
import { writeClarifications } from './sheets/clarifications.js';
import { writeCalibration } from './sheets/calibration.js';
import { writeCalculation } from './sheets/calculation.js';
import { writeHistory } from './sheets/history.js';
import { writeMethod } from './sheets/method.js';
import { writeModeration } from './sheets/moderation.js';
import { writePanel } from './sheets/panel.js';
import { writeResults } from './sheets/results.js';
import { writeScores } from './sheets/scores.js';
import { writeSensitivity } from './sheets/sensitivity.js';
import { loadConsistency } from '../insight/insight.service.js';
import { writeSummaries } from './sheets/summaries.js';
import { TAB_ORDER } from './sheets/sheet-names.js';
import { loadWorkbookContext } from './workbook-context.js';
import { WorkbookFile, type SheetStats } from './workbook-file.js';
import { ExportsErrorCode } from './exports-error-codes.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOWNLOAD_EVENT = 'workbook.downloaded';

/** The workbook exists once there are results to show: from scoring onwards, like the results (the lead: once scoring has closed). */
const EXPORT_STATES = SCORING_STARTED;

const packageJson = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
export const SOFTWARE = `${packageJson.name} ${packageJson.version}`;

/** A download that has been allowed and recorded, ready to be written. */
export interface WorkbookDownload {
  round: Round;
  filename: string;
  exportedBy: string;
  exportedAt: Date;
  event: { sequence: number; hash: string };
}

@Injectable()
export class WorkbookService {
  constructor(private readonly commands: RoundCommands, private readonly db: Database, private readonly audit: AuditService) {}

  /** Whether this person can download the workbook now, and if not, why (for the button on the page). */
  availability(user: User, roundId: string): Promise<{ available: true } | { available: false; reason: string }> {
    const authorise = (viewer: RoundViewer) => viewer.assertSeesEverything('the scoring workbook');
    return this.commands.query(user, roundId, authorise, async ({ round, viewer }) => {
      try {
        assertWorkbookExists(viewer, round.state);
        return { available: true as const };
      } catch (error) {
        if (error instanceof ConflictError || error instanceof NotYetVisibleError) return { available: false as const, reason: error.message };
        throw error;
      }
    });
  }

  /**
   * The access check, and the download recorded in the audit trail in its own short transaction
   * before a byte is sent, so the file can name its own audit event.
   */
  start(user: User, roundId: string): Promise<WorkbookDownload> {
    const authorise = (viewer: RoundViewer) => viewer.assertSeesEverything('the scoring workbook');
    return this.commands.run(user, roundId, authorise, async ({ manager, round, viewer, now }) => {
      assertWorkbookExists(viewer, round.state);
      await assertFitsOneSheet(manager, round.id);
      const filename = `${round.reference}-${fileStamp(now)}.xlsx`;
      const event = await this.audit.record(manager, {
        type: DOWNLOAD_EVENT, actorId: user.id, roundId: round.id,
        payload: { filename, state: round.state, as: viewer.isLead ? 'lead' : 'auditor' },
      });
      // A member of the panel is named by panel code, even in their own export.
      return { round, filename, exportedBy: viewer.member?.panelCode ?? user.displayName, exportedAt: now, event: { sequence: event.sequence, hash: event.hash } };
    });
  }

  /**
   * Streams the workbook to `output`. Sheets are written one after another and the scores and audit
   * events are read a page at a time, each page its own short read, so memory stays flat and the
   * database is not held for the whole download. About, which holds the hash of everything else, is
   * written last and shown first. If the round changes meanwhile, About says so.
   */
  async write(download: WorkbookDownload, output: Writable): Promise<SheetStats[]> {
    // A client that goes away mid-download must end this export, not the app.
    const ignore = () => undefined;
    output.on('error', ignore);
    const book = new WorkbookFile(output, TAB_ORDER, { creator: SOFTWARE, created: download.exportedAt });
    try {
      const ctx = await this.db.read((manager) => loadWorkbookContext(manager, download.round));
      const method = await writeMethod(book, ctx);
      await writeClarifications(book, ctx);
      await writePanel(book, ctx);
      const bids = await writeBids(book, ctx);
      const markBlocks = await writeScores(book, ctx, this.db);
      const moderationRow = await writeModeration(book, ctx, markBlocks);
      const bidBlocks = await writeCalculation(book, ctx, { method, bids, moderationRow });
      await writeResults(book, ctx, { bids, blocks: bidBlocks });
      await writeSensitivity(book, ctx, { method, blocks: bidBlocks });
      // The panel's consistency reads every individual mark at once; past this many the sheet says so instead, so memory stays flat.
      const marks = await this.db.read((manager) => manager.countBy(Score, { roundId: download.round.id }));
      await writeCalibration(book, marks > CALIBRATION_MARKS ? marks : await this.db.read((manager) => loadConsistency(manager, download.round)));
      await writeSummaries(book, ctx);
      await writeHistory(book, ctx);
      await writeAudit(book, ctx, { db: this.db, audit: this.audit });
      const latestSequence = await this.db.read((manager) => latestChange(manager, download.round.id));
      await writeAbout(book, ctx, { ...download, software: SOFTWARE, dataHash: book.hash.digest(), latestSequence });
      await book.finish();
      return book.stats;
    } catch (error) {
      output.destroy();
      throw error;
    } finally {
      output.off('error', ignore);
    }
  }
}

/** The Calibration sheet is computed for rounds of up to this many individual marks. */
const CALIBRATION_MARKS = 100_000;

/** An Excel sheet has 1,048,576 rows; Scores and Audit have one row per mark and per event, below a few heading rows. */
const SHEET_ROWS = 1_048_576 - 10;

async function assertFitsOneSheet(manager: EntityManager, roundId: string): Promise<void> {
  const [marks, events] = await Promise.all([manager.countBy(Score, { roundId }), manager.countBy(AuditEvent, { roundId })]);
  if (Math.max(marks, events) > SHEET_ROWS) {
    throw new BusinessRuleError(ExportsErrorCode.TooLarge, `This round has ${marks} individual marks and ${events} audit events; an Excel sheet holds ${SHEET_ROWS}, so the workbook cannot hold them all`);
  }
}

/** The round's latest recorded change: its last audit event other than a download. */
async function latestChange(manager: EntityManager, roundId: string): Promise<number> {
  const row = await manager.createQueryBuilder(AuditEvent, 'e')
    .select('MAX(e.sequence)', 'latest')
    .where('e.roundId = :roundId', { roundId })
    .andWhere('e.type <> :download', { download: DOWNLOAD_EVENT })
    .getRawOne<{ latest: number | string | null }>();
  return Number(row?.latest ?? 0);
}

/** 2026-05-01T09:30:05.123Z -> 20260501-093005 (UTC). */
export function fileStamp(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** The one rule for when there is a workbook to download: the download and the page's button both ask it. */
function assertWorkbookExists(viewer: RoundViewer, state: string): void {
  if (!EXPORT_STATES.has(state as never)) throw new ConflictError(ExportsErrorCode.WrongStage, 'The scoring workbook exists once scoring has started', { state });
  // It holds every individual mark (design.md, Access).
  viewer.assertSeesIndividualMarks('scoring workbook');
}
