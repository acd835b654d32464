import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const instant = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });

/** Users, invitations and the audit chain. Written with the Table API so it runs on SQLite and PostgreSQL alike. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'displayName', type: 'varchar', length: '120' },
          { name: 'roles', type: 'text' },
          { name: 'passwordHash', type: 'varchar', length: '200', isNullable: true },
          instant('createdAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'invitations',
        columns: [
          id,
          { name: 'tokenHash', type: 'varchar', length: '64', isUnique: true },
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'invitedById', type: 'varchar', length: '36', isNullable: true },
          instant('createdAt'),
          instant('expiresAt'),
          instant('usedAt', true),
        ],
        foreignKeys: [{ columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'sequence', type: 'integer', isPrimary: true },
          { name: 'roundId', type: 'varchar', length: '36', isNullable: true },
          { name: 'actorId', type: 'varchar', length: '36', isNullable: true },
          { name: 'type', type: 'varchar', length: '80' },
          { name: 'payload', type: 'text' },
          instant('occurredAt'),
          { name: 'prevHash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64', isUnique: true },
        ],
      }),
    );
    await queryRunner.createIndex('audit_events', new TableIndex({ name: 'IDX_audit_events_round', columnNames: ['roundId', 'sequence'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_events');
    await queryRunner.dropTable('invitations');
    await queryRunner.dropTable('users');
  }
}
