import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string) => ({ name, type: 'varchar', length: '36' });
const instant = (name: string) => ({ name, type: 'varchar', length: '24' });
const ofRound = { columnNames: ['roundId'], referencedTableName: 'rounds', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/** The awarded contract's KPIs (from the i-Statements), their reporting periods, and young partners' reviews of each period. */
export class ContractKpis1765100000000 implements MigrationInterface {
  name = 'ContractKpis1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'contract_kpis',
      columns: [
        id, ref('roundId'), { name: 'name', type: 'varchar', length: '200' }, { name: 'measure', type: 'text' }, { name: 'unit', type: 'varchar', length: '30' },
        { name: 'target', type: 'varchar', length: '40' }, { name: 'direction', type: 'varchar', length: '10' }, { name: 'frequency', type: 'varchar', length: '12' },
        { name: 'statementIds', type: 'text' }, ref('definedById'), instant('definedAt'),
      ],
      foreignKeys: [ofRound],
    }));
    await queryRunner.createIndex('contract_kpis', new TableIndex({ name: 'IDX_contract_kpis_round', columnNames: ['roundId'] }));
    await queryRunner.createTable(new Table({
      name: 'kpi_periods',
      columns: [
        id, ref('roundId'), ref('kpiId'), { name: 'periodStart', type: 'varchar', length: '10' }, { name: 'periodEnd', type: 'varchar', length: '10' },
        { name: 'value', type: 'varchar', length: '40' }, { name: 'commentary', type: 'text' }, { name: 'evidenceReference', type: 'varchar', length: '300' },
        ref('recordedById'), instant('recordedAt'),
      ],
      foreignKeys: [ofRound, { columnNames: ['kpiId'], referencedTableName: 'contract_kpis', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await queryRunner.createIndex('kpi_periods', new TableIndex({ name: 'IDX_kpi_periods_start', columnNames: ['kpiId', 'periodStart'], isUnique: true }));
    await queryRunner.createIndex('kpi_periods', new TableIndex({ name: 'IDX_kpi_periods_round', columnNames: ['roundId'] }));
    await queryRunner.createTable(new Table({
      name: 'kpi_reviews',
      columns: [
        id, ref('roundId'), ref('periodId'), ref('panelMemberId'), { name: 'rating', type: 'varchar', length: '10' }, { name: 'comment', type: 'text' }, instant('reviewedAt'),
      ],
      foreignKeys: [
        ofRound,
        { columnNames: ['periodId'], referencedTableName: 'kpi_periods', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        { columnNames: ['panelMemberId'], referencedTableName: 'panel_members', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      ],
    }));
    await queryRunner.createIndex('kpi_reviews', new TableIndex({ name: 'IDX_kpi_reviews_member', columnNames: ['periodId', 'panelMemberId'], isUnique: true }));
    await queryRunner.createIndex('kpi_reviews', new TableIndex({ name: 'IDX_kpi_reviews_round', columnNames: ['roundId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('kpi_reviews');
    await queryRunner.dropTable('kpi_periods');
    await queryRunner.dropTable('contract_kpis');
  }
}
