import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const instant = (name: string, nullable = false) => ({ name, type: 'varchar', length: '24', isNullable: nullable });

/** i-Statements (what young people said), the workshops they came from, and the questions that cite them. */
export class Statements1764800000000 implements MigrationInterface {
  name = 'Statements1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'workshops',
        columns: [
          id, { name: 'title', type: 'varchar', length: '200' }, { name: 'heldOn', type: 'varchar', length: '10' }, { name: 'ranBy', type: 'varchar', length: '200' },
          { name: 'participants', type: 'integer' }, ref('recordedById'), instant('recordedAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'statements',
        columns: [
          id, { name: 'text', type: 'text' }, ref('workshopId', true), { name: 'themes', type: 'text' }, { name: 'groupCode', type: 'varchar', length: '30' },
          { name: 'consent', type: 'boolean' }, { name: 'status', type: 'varchar', length: '10' }, ref('addedById'), { name: 'addedByYoungPartner', type: 'boolean' },
          instant('addedAt'), ref('acceptedById', true), instant('acceptedAt', true),
        ],
        foreignKeys: [{ columnNames: ['workshopId'], referencedTableName: 'workshops', referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
      }),
    );
    await queryRunner.createIndex('statements', new TableIndex({ name: 'IDX_statements_workshop', columnNames: ['workshopId'] }));
    await queryRunner.createTable(
      new Table({
        name: 'question_statements',
        columns: [id, ref('roundId'), { name: 'questionKey', type: 'varchar', length: '20' }, ref('statementId')],
        foreignKeys: [
          { columnNames: ['roundId'], referencedTableName: 'rounds', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['statementId'], referencedTableName: 'statements', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createIndex('question_statements', new TableIndex({ name: 'IDX_question_statements_cite', columnNames: ['roundId', 'questionKey', 'statementId'], isUnique: true }));
    await queryRunner.createIndex('question_statements', new TableIndex({ name: 'IDX_question_statements_statement', columnNames: ['statementId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('question_statements');
    await queryRunner.dropTable('statements');
    await queryRunner.dropTable('workshops');
  }
}
