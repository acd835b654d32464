import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const instant = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });

/** The mail outbox: messages written with the change that caused them, delivered after commit. */
export class Outbox1764850000000 implements MigrationInterface {
  name = 'Outbox1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'recipient', type: 'varchar', length: '320' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'text', type: 'text' },
          { name: 'html', type: 'text' },
          { name: 'roundId', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer' },
          instant('nextAttemptAt'),
          { name: 'lastError', type: 'text', isNullable: true },
          instant('createdAt'),
          instant('sentAt', true),
        ],
      }),
    );
    await queryRunner.createIndex('outbox_messages', new TableIndex({ name: 'IDX_outbox_messages_due', columnNames: ['status', 'nextAttemptAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox_messages');
  }
}
