import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { chainOf, GENESIS_HASH, hashEvent } from '../../audit/audit-chain.js';

const PAGE = 5_000;

/**
 * One audit chain per round plus the system chain, instead of one chain for everything (whose single
 * head made every audited write in the system wait for the one before). Each existing event joins its
 * round's chain (or the system chain) in sequence order and is re-hashed with recipe 2; its old hash is
 * kept as `legacyHash`, so the verifier can still recompute the old single chain over the same rows and
 * prove the conversion changed nothing. The conversion is recorded in the system chain with the old
 * chain's last hash and the head of every new chain.
 */
export class AuditChainsPerRound1764700000000 implements MigrationInterface {
  name = 'AuditChainsPerRound1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('audit_events', [
      new TableColumn({ name: 'chain', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'position', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'legacyHash', type: 'varchar', length: '64', isNullable: true }),
    ]);
    const heads = new Map<string, { position: number; hash: string }>();
    let converted = 0;
    let legacyLastHash = GENESIS_HASH;
    for (let after = 0; ;) {
      const page = (await queryRunner.query(
        `SELECT sequence, "roundId", "actorId", type, payload, "occurredAt", hash FROM audit_events WHERE sequence > ${after} ORDER BY sequence LIMIT ${PAGE}`,
      )) as { sequence: number; roundId: string | null; actorId: string | null; type: string; payload: string; occurredAt: string; hash: string }[];
      if (page.length === 0) break;
      for (const row of page) {
        const chain = chainOf(row.roundId);
        const head = heads.get(chain);
        const event = {
          sequence: Number(row.sequence), chain, position: (head?.position ?? 0) + 1, roundId: row.roundId, actorId: row.actorId,
          type: row.type, payload: JSON.parse(row.payload) as Record<string, unknown>, occurredAt: new Date(row.occurredAt),
        };
        const prevHash = head?.hash ?? GENESIS_HASH;
        const hash = hashEvent(prevHash, event);
        await queryRunner.manager.createQueryBuilder().update('audit_events')
          .set({ chain, position: event.position, prevHash, hash, legacyHash: row.hash })
          .where('sequence = :sequence', { sequence: event.sequence }).execute();
        heads.set(chain, { position: event.position, hash });
        legacyLastHash = row.hash;
        converted++;
      }
      after = Number(page[page.length - 1].sequence);
    }
    if (converted > 0) {
      const system = heads.get('system');
      const event = {
        sequence: (await lastSequence(queryRunner)) + 1, chain: 'system', position: (system?.position ?? 0) + 1, roundId: null, actorId: null,
        type: 'audit.chains_converted',
        payload: {
          note: 'The single audit chain became one chain per round plus the system chain; each event keeps its old hash as legacyHash',
          legacy: { events: converted, lastHash: legacyLastHash },
          heads: [...heads].filter(([chain]) => chain !== 'system').map(([chain, head]) => ({ chain, position: head.position, hash: head.hash })),
        },
        occurredAt: new Date(),
      };
      const prevHash = system?.hash ?? GENESIS_HASH;
      await queryRunner.manager.createQueryBuilder()
        .insert().into('audit_events', ['sequence', 'chain', 'position', 'roundId', 'actorId', 'type', 'payload', 'occurredAt', 'prevHash', 'hash'])
        .values({ ...event, prevHash, hash: hashEvent(prevHash, event) }) // through the entity's transformers, as the baseline migration
        .execute();
    }
    for (const name of ['chain', 'position']) {
      const column = (await queryRunner.getTable('audit_events'))!.findColumnByName(name)!;
      const notNull = column.clone();
      notNull.isNullable = false;
      await queryRunner.changeColumn('audit_events', column, notNull);
    }
    await queryRunner.createIndex('audit_events', new TableIndex({ name: 'IDX_audit_events_chain_position', columnNames: ['chain', 'position'], isUnique: true }));
    if (queryRunner.connection.options.type === 'postgres') {
      // Sequence numbers come from a PostgreSQL sequence, so no global row is read or locked to append.
      await queryRunner.query(`CREATE SEQUENCE audit_events_sequence START WITH ${(await lastSequence(queryRunner)) + 1}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The chain is append-only: converted events cannot be put back without breaking the new chains.
    void queryRunner;
    throw new Error('The per-round audit chains cannot be converted back');
  }
}

async function lastSequence(queryRunner: QueryRunner): Promise<number> {
  const [row] = (await queryRunner.query('SELECT MAX(sequence) AS last FROM audit_events')) as { last: number | string | null }[];
  return Number(row?.last ?? 0);
}
