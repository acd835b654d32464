import { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH, hashEvent } from '../../audit/audit-chain.js';
import { AUDITED_TABLES, fieldHashes, readAudited, type DataRecord } from '../../audit/audited-data.js';

/**
 * From this release each audited change records the hashes of the rows it wrote. Rows written before
 * it get one event per round, `audit.data_baseline`, recording them as they stand at the upgrade, so the
 * data check has something to compare with (and says, in the trail, when that record began).
 */
export class AuditDataBaseline1764300000001 implements MigrationInterface {
  name = 'AuditDataBaseline1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const manager = queryRunner.manager;
    const rounds = (await queryRunner.query('SELECT id FROM rounds ORDER BY id')) as { id: string }[];
    for (const { id: roundId } of rounds) {
      const data: DataRecord[] = [];
      for (const table of AUDITED_TABLES) {
        if (!(await queryRunner.hasTable(table))) continue; // a table a later migration creates: no rows to record yet
        for (const row of await readAudited(manager, table, { roundId })) data.push({ table, id: row.id as string, fields: fieldHashes(table, row) });
      }
      const [last] = (await queryRunner.query('SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1')) as { sequence: number; hash: string }[];
      const event = {
        sequence: Number(last?.sequence ?? 0) + 1, roundId, actorId: null, type: 'audit.data_baseline',
        payload: { note: 'The rows of this round as they stood when the audit trail began to record data hashes', data },
        occurredAt: new Date(), prevHash: last?.hash ?? GENESIS_HASH,
      };
      // Named columns only (through the entity's transformers): later migrations may add columns this one must not write.
      await manager.createQueryBuilder().insert().into('audit_events', ['sequence', 'roundId', 'actorId', 'type', 'payload', 'occurredAt', 'prevHash', 'hash'])
        .values({ ...event, hash: hashEvent(event.prevHash, event) }).execute();
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The chain is append-only: the baseline events stay (they record, they do not change anything).
    void queryRunner;
  }
}
