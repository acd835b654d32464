import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string) => ({ name, type: 'varchar', length: '36' });
const instant = (name: string) => ({ name, type: 'varchar', length: '24' });
const fk = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** Assessment summaries marked sent, and notes on why a flagged consensus reason stands. */
export class AssessmentSummaries1764500000000 implements MigrationInterface {
  name = 'AssessmentSummaries1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'assessment_summaries_sent',
        columns: [
          id, ref('roundId'), ref('bidId'), ref('preferredBidId'), { name: 'sentOn', type: 'varchar', length: '10' }, { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'summary', type: 'text' }, ref('recordedById'), instant('recordedAt'),
        ],
        foreignKeys: [fk('roundId', 'rounds')],
      }),
    );
    await queryRunner.createIndex('assessment_summaries_sent', new TableIndex({ name: 'IDX_summaries_sent_bid', columnNames: ['bidId'], isUnique: true }));
    await queryRunner.createIndex('assessment_summaries_sent', new TableIndex({ name: 'IDX_summaries_sent_round', columnNames: ['roundId'] }));

    await queryRunner.createTable(
      new Table({
        name: 'reason_notes',
        columns: [
          id, ref('roundId'), ref('bidId'), ref('criterionId'), { name: 'group', type: 'varchar', length: '20' }, { name: 'consensusVersion', type: 'integer' },
          { name: 'note', type: 'text' }, ref('recordedById'), instant('recordedAt'),
        ],
        foreignKeys: [fk('roundId', 'rounds'), fk('bidId', 'bids'), fk('criterionId', 'criteria')],
      }),
    );
    await queryRunner.createIndex('reason_notes', new TableIndex({ name: 'IDX_reason_notes_cell', columnNames: ['bidId', 'criterionId', 'group', 'consensusVersion'], isUnique: true }));
    await queryRunner.createIndex('reason_notes', new TableIndex({ name: 'IDX_reason_notes_round', columnNames: ['roundId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reason_notes');
    await queryRunner.dropTable('assessment_summaries_sent');
  }
}
