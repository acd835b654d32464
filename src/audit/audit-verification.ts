import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { ChainBreak, findBreak, GENESIS_HASH } from './audit-chain.js';
import { AUDITED_FIELDS, AUDITED_TABLES, fieldHash, readAudited, type AuditedTable, type DataRecord } from './audited-data.js';

const PAGE = 5_000;
/** A verification names at most this many mismatches (and counts them all). */
const MAX_NAMED = 1_000;

export interface ChainResult {
  valid: boolean;
  eventsChecked: number;
  /** The hash stored in the last event: compare it with one noted outside the system to detect truncation. */
  lastHash: string;
  /** The hash of the last event before the first break (the last one that can be trusted). */
  lastIntactHash: string;
  firstBreak: ChainBreak | null;
}

export interface DataMismatch {
  roundId: string;
  table: AuditedTable;
  row: string;
  /** The field that differs, or null when the whole row is unknown to the trail or missing. */
  field: string | null;
  /** The event that last recorded the field (or row), or null when no event recorded it. */
  sequence: number | null;
  problem: string;
}

export interface DataResult {
  valid: boolean;
  rowsChecked: number;
  mismatchCount: number;
  mismatches: DataMismatch[];
}

/** Recomputes the whole chain, a page at a time, and names the first broken link. */
export async function verifyChain(manager: EntityManager): Promise<ChainResult> {
  let previous = null as { sequence: number; hash: string } | null;
  let checked = 0;
  let firstBreak: ChainBreak | null = null;
  let lastIntactHash = GENESIS_HASH;
  for (;;) {
    const page = await manager.createQueryBuilder(AuditEvent, 'e').where('e.sequence > :after', { after: previous?.sequence ?? 0 }).orderBy('e.sequence', 'ASC').take(PAGE).getMany();
    if (page.length === 0) break;
    if (!firstBreak) {
      firstBreak = findBreak(page, previous);
      const intact = firstBreak ? page.slice(0, page.findIndex((e) => e.sequence === firstBreak!.sequence)) : page;
      checked += intact.length;
      lastIntactHash = intact.at(-1)?.hash ?? lastIntactHash;
    }
    previous = page[page.length - 1];
  }
  return { valid: firstBreak === null, eventsChecked: checked, lastHash: previous?.hash ?? GENESIS_HASH, lastIntactHash, firstBreak };
}

/**
 * Recomputes the audited rows of every round (or one) against the latest event that recorded each of
 * their fields, and names every difference: a field changed outside the app, a row the trail never
 * recorded, a row the trail recorded that is gone.
 */
export async function verifyData(manager: EntityManager, onlyRoundId?: string): Promise<DataResult> {
  const roundIds = onlyRoundId ? [onlyRoundId] : (await manager.query(`SELECT id FROM rounds ORDER BY id`) as { id: string }[]).map((r) => r.id);
  const result: DataResult = { valid: true, rowsChecked: 0, mismatchCount: 0, mismatches: [] };
  const report = (mismatch: DataMismatch) => {
    result.valid = false;
    result.mismatchCount++;
    if (result.mismatches.length < MAX_NAMED) result.mismatches.push(mismatch);
  };
  for (const roundId of roundIds) {
    const recorded = await recordedFields(manager, roundId);
    for (const table of AUDITED_TABLES) {
      const rows = await readAudited(manager, table, { roundId });
      for (const row of rows) {
        result.rowsChecked++;
        const id = row.id as string;
        const entry = recorded.get(`${table}/${id}`);
        if (!entry || entry.deletedAt !== null) {
          report({ roundId, table, row: id, field: null, sequence: entry?.deletedAt ?? null, problem: entry ? 'the row was deleted in the audit trail but is in the database' : 'no audit event recorded this row (it was written outside the app)' });
          continue;
        }
        entry.seen = true;
        for (const field of AUDITED_FIELDS[table]) {
          const last = entry.fields.get(field);
          if (last && last.hash !== fieldHash(row[field])) {
            report({ roundId, table, row: id, field, sequence: last.sequence, problem: `${field} differs from what event ${last.sequence} recorded (changed outside the app)` });
          }
        }
      }
    }
    for (const [key, entry] of recorded) {
      if (entry.seen || entry.deletedAt !== null) continue;
      const [table, row] = key.split('/') as [AuditedTable, string];
      report({ roundId, table, row, field: null, sequence: entry.lastSequence, problem: 'the audit trail recorded this row but it is missing from the database (deleted outside the app)' });
    }
  }
  return result;
}

interface RecordedRow {
  fields: Map<string, { hash: string; sequence: number }>;
  lastSequence: number;
  deletedAt: number | null;
  seen: boolean;
}

/** Folds a round's events, in order, into the latest recorded hash of each field of each row. */
async function recordedFields(manager: EntityManager, roundId: string): Promise<Map<string, RecordedRow>> {
  const rows = new Map<string, RecordedRow>();
  let after = 0;
  for (;;) {
    const page = await manager.createQueryBuilder(AuditEvent, 'e').where('e.roundId = :roundId AND e.sequence > :after', { roundId, after }).orderBy('e.sequence', 'ASC').take(PAGE).getMany();
    if (page.length === 0) break;
    for (const event of page) {
      for (const record of (event.payload.data ?? []) as DataRecord[]) {
        const key = `${record.table}/${record.id}`;
        const row = rows.get(key) ?? { fields: new Map(), lastSequence: event.sequence, deletedAt: null, seen: false };
        row.lastSequence = event.sequence;
        if (record.deleted) {
          row.deletedAt = event.sequence;
          row.fields.clear();
        } else {
          row.deletedAt = null;
          for (const [field, hash] of Object.entries(record.fields ?? {})) row.fields.set(field, { hash, sequence: event.sequence });
        }
        rows.set(key, row);
      }
    }
    after = page[page.length - 1].sequence;
  }
  return rows;
}
