import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const instant = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });

/** Disabled accounts, server-side sessions, and sign-in limits shared by every instance. */
export class Accounts1764400000000 implements MigrationInterface {
  name = 'Accounts1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('users', new TableColumn({ name: 'disabledAt', type: 'varchar', length: '24', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id,
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '10' },
          instant('createdAt'),
          instant('lastSeenAt'),
          instant('expiresAt'),
          instant('endedAt', true),
        ],
        foreignKeys: [{ columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createIndex('sessions', new TableIndex({ name: 'IDX_sessions_user', columnNames: ['userId', 'endedAt'] }));
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_limits',
        columns: [
          { name: 'key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'count', type: 'integer' },
          instant('windowEndsAt'),
          { name: 'failures', type: 'integer' },
          instant('blockedUntil', true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sign_in_limits');
    await queryRunner.dropTable('sessions');
    await queryRunner.dropColumn('users', 'disabledAt');
  }
}
