import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string) => ({ name, type: 'varchar', length: '36' });
const instant = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });
const fk = (column: string, table: string) => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** Individual scores, group consensus, and the recorded award decision. */
export class Scoring1764200000000 implements MigrationInterface {
  name = 'Scoring1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'scores',
        columns: [id, ref('roundId'), ref('bidId'), ref('criterionId'), ref('panelMemberId'), { name: 'mark', type: 'integer' }, { name: 'justification', type: 'text' }, instant('updatedAt'), instant('submittedAt', true)],
        foreignKeys: [fk('roundId', 'rounds'), fk('bidId', 'bids'), fk('criterionId', 'criteria'), fk('panelMemberId', 'panel_members')],
      }),
    );
    await queryRunner.createIndex('scores', new TableIndex({ name: 'IDX_scores_member_bid_criterion', columnNames: ['panelMemberId', 'bidId', 'criterionId'], isUnique: true }));
    await queryRunner.createIndex('scores', new TableIndex({ name: 'IDX_scores_round_cell', columnNames: ['roundId', 'bidId', 'criterionId', 'panelMemberId', 'submittedAt', 'mark'] }));

    await queryRunner.createTable(
      new Table({
        name: 'consensus',
        columns: [
          id, ref('roundId'), ref('bidId'), ref('criterionId'), { name: 'group', type: 'varchar', length: '20' }, { name: 'mark', type: 'integer' },
          { name: 'reason', type: 'text' }, ref('recordedById'), instant('recordedAt'), { name: 'version', type: 'integer' },
        ],
        foreignKeys: [fk('roundId', 'rounds'), fk('bidId', 'bids'), fk('criterionId', 'criteria')],
      }),
    );
    await queryRunner.createIndex('consensus', new TableIndex({ name: 'IDX_consensus_bid_criterion_group', columnNames: ['bidId', 'criterionId', 'group'], isUnique: true }));
    await queryRunner.createIndex('consensus', new TableIndex({ name: 'IDX_consensus_round', columnNames: ['roundId'] }));

    await queryRunner.addColumn('rounds', new TableColumn({ name: 'awardDecision', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('rounds', 'awardDecision');
    await queryRunner.dropTable('consensus');
    await queryRunner.dropTable('scores');
  }
}
