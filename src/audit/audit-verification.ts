import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { ChainBreak, findBreak, GENESIS_HASH, hashLegacyEvent, SYSTEM_CHAIN } from './audit-chain.js';
import { AUDITED_FIELDS, AUDITED_TABLES, fieldHash, readAudited, type AuditedTable, type DataRecord } from './audited-data.js';

const PAGE = 5_000;
/** A verification names at most this many mismatches (and counts them all). */
const MAX_NAMED = 1_000;

export interface ChainResult {
  valid: boolean;
  /** Intact events across the chains checked. */
  eventsChecked: number;
  /**
   * The hash stored at the head of the system chain. Its checkpoints record every round chain's head,
   * so this one hash pins the whole history up to the latest checkpoint: note it outside the system.
   */
  lastHash: string;
  /** The hash of the last event before the first break (the last one that can be trusted in that chain). */
  lastIntactHash: string;
  /** The first broken link (the lowest sequence among every chain's first break), with its round. */
  firstBreak: NamedBreak | null;
  /** Every broken chain's first break, each named with its round (null for the system chain). */
  breaks: NamedBreak[];
  /** How many chains were checked (the system chain and one per round that has events). */
  chainsChecked: number;
  /** The single chain from before per-round chains, recomputed over the converted events; null if there was none. */
  legacy: { valid: boolean; events: number; lastHash: string } | null;
}

export interface NamedBreak extends ChainBreak {
  chain: string;
  roundId: string | null;
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

/** What a checkpoint (or the conversion) recorded of one chain's head. */
interface Pin {
  position: number;
  hash: string;
  checkpoint: number;
}

/**
 * Recomputes every chain (or the system chain and one round's), a page at a time, and names each
 * chain's first broken link with its round. The system chain is read first: the heads its checkpoints
 * recorded are then checked against each round chain, so a round chain rewritten or cut short since a
 * checkpoint breaks too. Events converted from the single chain are also re-hashed with the old recipe.
 */
export async function verifyChain(manager: EntityManager, onlyRoundId?: string): Promise<ChainResult> {
  const pins = new Map<string, Pin[]>();
  const system = await verifyOneChain(manager, SYSTEM_CHAIN, (event) => {
    for (const head of headsOf(event)) pins.set(head.chain, [...(pins.get(head.chain) ?? []), { position: head.position, hash: head.hash, checkpoint: event.sequence }]);
  });
  const chains = onlyRoundId
    ? [onlyRoundId]
    : ((await manager.query(`SELECT DISTINCT chain FROM audit_events WHERE chain <> '${SYSTEM_CHAIN}' ORDER BY chain`)) as { chain: string }[]).map((r) => r.chain);
  const results = [system];
  for (const chain of chains) results.push(await verifyOneChain(manager, chain, undefined, pins.get(chain) ?? []));
  const breaks = results.flatMap((r) => (r.firstBreak ? [r.firstBreak] : [])).sort((x, y) => x.sequence - y.sequence);
  const firstBroken = results.find((r) => r.firstBreak === breaks[0]);
  const legacy = await verifyLegacy(manager);
  const legacyBreak: NamedBreak[] = legacy && !legacy.valid ? [{ sequence: legacy.breakAt!, chain: 'legacy', roundId: null, problem: legacy.problem! }] : [];
  const allBreaks = [...breaks, ...legacyBreak];
  return {
    valid: allBreaks.length === 0,
    eventsChecked: results.reduce((sum, r) => sum + r.eventsChecked, 0),
    lastHash: system.lastHash,
    lastIntactHash: firstBroken ? firstBroken.lastIntactHash : system.lastHash,
    firstBreak: allBreaks[0] ?? null,
    breaks: allBreaks,
    chainsChecked: results.length,
    legacy: legacy ? { valid: legacy.valid, events: legacy.events, lastHash: legacy.lastHash } : null,
  };
}

function headsOf(event: AuditEvent): { chain: string; position: number; hash: string }[] {
  return (event.type === 'audit.checkpoint' || event.type === 'audit.chains_converted') && Array.isArray(event.payload.heads)
    ? (event.payload.heads as { chain: string; position: number; hash: string }[])
    : [];
}

async function verifyOneChain(manager: EntityManager, chain: string, onEvent?: (event: AuditEvent) => void, pins: Pin[] = []) {
  let previous = null as AuditEvent | null;
  let checked = 0;
  let firstBreak: NamedBreak | null = null;
  let lastIntactHash = GENESIS_HASH;
  const roundId = chain === SYSTEM_CHAIN ? null : chain;
  const pinned = new Map(pins.map((p) => [p.position, p]));
  const named = (b: ChainBreak): NamedBreak => ({ ...b, chain, roundId });
  for (;;) {
    const page = await manager.createQueryBuilder(AuditEvent, 'e').where('e.chain = :chain AND e.position > :after', { chain, after: previous?.position ?? 0 }).orderBy('e.position', 'ASC').take(PAGE).getMany();
    if (page.length === 0) break;
    if (!firstBreak) {
      const found = findBreak(page, previous);
      let intact = found ? page.slice(0, page.findIndex((e) => e.sequence === found.sequence)) : page;
      firstBreak = found ? named(found) : null;
      const moved = intact.find((e) => pinned.has(e.position) && pinned.get(e.position)!.hash !== e.hash);
      if (moved) {
        const pin = pinned.get(moved.position)!;
        firstBreak = named({ sequence: moved.sequence, problem: `checkpoint event ${pin.checkpoint} recorded a different hash for this position of the chain (the chain was rewritten)` });
        intact = intact.slice(0, intact.indexOf(moved));
      }
      checked += intact.length;
      lastIntactHash = intact.at(-1)?.hash ?? lastIntactHash;
      if (onEvent && !firstBreak) intact.forEach(onEvent);
    }
    previous = page[page.length - 1];
  }
  const beyond = pins.find((p) => p.position > (previous?.position ?? 0));
  if (!firstBreak && beyond) {
    firstBreak = named({ sequence: beyond.checkpoint, problem: `checkpoint event ${beyond.checkpoint} recorded position ${beyond.position} of this chain, but it ends at ${previous?.position ?? 0} (events were cut off the end)` });
  }
  return { chain, eventsChecked: checked, lastHash: previous?.hash ?? GENESIS_HASH, lastIntactHash, firstBreak };
}

/** The single chain before the conversion: events with a legacyHash, in sequence order, re-hashed with recipe 1. */
async function verifyLegacy(manager: EntityManager) {
  let previous = null as { sequence: number; hash: string } | null;
  let events = 0;
  for (;;) {
    const page = await manager.createQueryBuilder(AuditEvent, 'e').where('e.legacyHash IS NOT NULL AND e.sequence > :after', { after: previous?.sequence ?? 0 }).orderBy('e.sequence', 'ASC').take(PAGE).getMany();
    if (page.length === 0) break;
    for (const event of page) {
      const expected = (previous?.sequence ?? 0) + 1;
      const problem = event.sequence !== expected
        ? `expected converted event ${expected} next, found ${event.sequence} (events missing)`
        : hashLegacyEvent(previous?.hash ?? GENESIS_HASH, event) !== event.legacyHash ? 'its contents do not match the hash it had in the single chain before the conversion' : null;
      if (problem) return { valid: false, events, lastHash: previous?.hash ?? GENESIS_HASH, breakAt: event.sequence, problem };
      previous = { sequence: event.sequence, hash: event.legacyHash! };
      events++;
    }
  }
  if (!previous) return null;
  const [conversion] = await manager.find(AuditEvent, { where: { type: 'audit.chains_converted' }, take: 1 });
  const recorded = conversion?.payload.legacy as { events: number; lastHash: string } | undefined;
  if (!recorded || recorded.events !== events || recorded.lastHash !== previous.hash) {
    return { valid: false, events, lastHash: previous.hash, breakAt: conversion?.sequence ?? previous.sequence, problem: 'the conversion event does not record the single chain as it is (events were added or cut off)' };
  }
  return { valid: true, events, lastHash: previous.hash };
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
