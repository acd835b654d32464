import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const instant = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });

/** The clarification log of a round, and the clarification deadline in its timetable. */
export class Clarifications1765400000000 implements MigrationInterface {
  name = 'Clarifications1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const no = queryRunner.connection.options.type === 'postgres' ? 'false' : '0';
    await queryRunner.addColumn('rounds', new TableColumn(instant('clarificationDeadline', true)));
    await queryRunner.createTable(
      new Table({
        name: 'clarifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'roundId', type: 'varchar', length: '36' },
          { name: 'number', type: 'integer' },
          { name: 'questionKey', type: 'varchar', length: '20', isNullable: true },
          { name: 'question', type: 'text' },
          instant('receivedAt'),
          { name: 'askedBy', type: 'varchar', length: '200', isNullable: true },
          { name: 'answer', type: 'text', isNullable: true },
          { name: 'changesTenderDocuments', type: 'boolean', default: no },
          instant('publishedAt', true),
          { name: 'supersedesId', type: 'varchar', length: '36', isNullable: true },
          { name: 'supersededById', type: 'varchar', length: '36', isNullable: true },
          { name: 'supersedeReason', type: 'text', isNullable: true },
          { name: 'recordedById', type: 'varchar', length: '36' },
          instant('recordedAt'),
        ],
        foreignKeys: [{ columnNames: ['roundId'], referencedTableName: 'rounds', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createIndex('clarifications', new TableIndex({ name: 'IDX_clarifications_round_number', columnNames: ['roundId', 'number'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('clarifications');
    await queryRunner.dropColumn('rounds', 'clarificationDeadline');
  }
}
