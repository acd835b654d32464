import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EntityManager, type EntityMetadata } from 'typeorm';

/**
 * The tables whose rows the audit trail pins, and the fields of each that an event records. Every
 * audited change records, in its event's payload (`data`), a SHA-256 of the canonical JSON of each
 * field it wrote, so the verifier can tell whether today's rows are still what the trail says was
 * written: a mark, a reason or a price changed in the database directly is named with its field.
 */
export const AUDITED_FIELDS = {
  rounds: ['reference', 'state', 'leadId', 'tenderDeadline', 'clarificationDeadline', 'standstillEndsAt', 'conflictsAssessment', 'awardDecision', 'lots', 'lotDecisions'],
  round_transitions: ['event', 'fromState', 'toState', 'actorId', 'reason', 'occurredAt'],
  panel_members: ['userId', 'group', 'panelCode', 'seesPrice', 'conflictsDeclaredAt', 'scoresSubmittedAt', 'withdrawnAt', 'withdrawalReason'],
  conflict_declarations: ['panelMemberId', 'bidId', 'interest', 'declaredAt'],
  bids: ['supplierName', 'lotKey', 'price', 'responses', 'receivedAt', 'compliance', 'complianceReason', 'complianceDecidedAt', 'practice'],
  scores: ['bidId', 'criterionId', 'panelMemberId', 'mark', 'justification', 'submittedAt'],
  clarifications: ['number', 'questionKey', 'question', 'receivedAt', 'askedBy', 'answer', 'changesTenderDocuments', 'publishedAt', 'supersedesId', 'supersededById', 'supersedeReason'],
  consensus: ['bidId', 'criterionId', 'group', 'mark', 'reason', 'recordedById', 'version', 'reviewNeeded'],
  contract_kpis: ['name', 'measure', 'unit', 'target', 'direction', 'frequency', 'statementIds', 'definedById'],
  kpi_periods: ['kpiId', 'lotKey', 'periodStart', 'periodEnd', 'value', 'commentary', 'evidenceReference', 'recordedById'],
  kpi_reviews: ['periodId', 'panelMemberId', 'rating', 'comment', 'reviewedAt'],
} as const;

export type AuditedTable = keyof typeof AUDITED_FIELDS;
export const AUDITED_TABLES = Object.keys(AUDITED_FIELDS) as AuditedTable[];

/** A row an audited change wrote (or deleted), named by table and id. */
export interface RowRef {
  table: AuditedTable;
  id: string;
  deleted?: true;
  /**
   * The row as written, when the command holds every audited field exactly as stored (plain text and
   * numbers it wrote itself, the rest as it read them in this transaction): hashed without reading it back.
   */
  written?: object;
}

/** What an event records of one row: the hash of each audited field, or that the row was deleted. */
export interface DataRecord {
  table: AuditedTable;
  id: string;
  fields?: Record<string, string>;
  deleted?: true;
}

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a field's value; an instant as ISO 8601 text. */
export function fieldHash(value: unknown): string {
  return createHash('sha256').update(canonicalize(normalise(value)) ?? 'null').digest('hex');
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

export function fieldHashes(table: AuditedTable, row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(AUDITED_FIELDS[table].map((field) => [field, fieldHash(row[field])]));
}

export function metadataOf(manager: EntityManager, table: AuditedTable): EntityMetadata {
  const metadata = manager.connection.entityMetadatas.find((m) => m.tableName === table);
  if (!metadata) throw new Error(`No entity for the audited table ${table}`);
  return metadata;
}

/**
 * Reads the audited fields of a table's rows (through the entity, so values are hydrated as the app
 * sees them), selected by column so it also works while later migrations are still to run.
 */
export function readAudited(manager: EntityManager, table: AuditedTable, where: { ids: string[] } | { roundId: string }): Promise<Record<string, unknown>[]> {
  const query = manager.createQueryBuilder(metadataOf(manager, table).target, 'row').select(['row.id', ...AUDITED_FIELDS[table].map((f) => `row.${f}`)]);
  if ('ids' in where) query.where('row.id IN (:...ids)', { ids: where.ids });
  else query.where(table === 'rounds' ? 'row.id = :roundId' : 'row.roundId = :roundId', { roundId: where.roundId });
  return query.getMany() as Promise<Record<string, unknown>[]>;
}

/** Reads back the rows a change wrote, in its transaction, so what is hashed is exactly what was stored. */
export async function recordRows(manager: EntityManager, refs: RowRef[]): Promise<DataRecord[]> {
  const records: DataRecord[] = [];
  const byTable = new Map<AuditedTable, string[]>();
  for (const ref of refs) {
    if (ref.deleted) records.push({ table: ref.table, id: ref.id, deleted: true });
    else if (ref.written) records.push({ table: ref.table, id: ref.id, fields: fieldHashes(ref.table, ref.written as Record<string, unknown>) });
    else byTable.set(ref.table, [...(byTable.get(ref.table) ?? []), ref.id]);
  }
  for (const [table, ids] of byTable) {
    const rows = await readAudited(manager, table, { ids: [...new Set(ids)] });
    if (rows.length !== new Set(ids).size) throw new Error(`An audited change named ${table} rows that it did not write`);
    for (const row of rows) records.push({ table, id: row.id as string, fields: fieldHashes(table, row) });
  }
  return records;
}
