import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Lots in the contract: each awarded lot is its own contract, so a KPI's reporting periods are recorded
 * per lot. Periods of rounds without lots have the lot '' (NO_LOT) rather than NULL, as bids do; the
 * unique index moves from (KPI, start) to (KPI, lot, start).
 */
export class KpiPeriodLots1765900000000 implements MigrationInterface {
  name = 'KpiPeriodLots1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('kpi_periods', 'IDX_kpi_periods_start');
    await queryRunner.addColumn('kpi_periods', new TableColumn({ name: 'lotKey', type: 'varchar', length: '20', default: "''" }));
    await queryRunner.createIndex('kpi_periods', new TableIndex({ name: 'IDX_kpi_periods_lot_start', columnNames: ['kpiId', 'lotKey', 'periodStart'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('kpi_periods', 'IDX_kpi_periods_lot_start');
    await queryRunner.dropColumn('kpi_periods', 'lotKey');
    await queryRunner.createIndex('kpi_periods', new TableIndex({ name: 'IDX_kpi_periods_start', columnNames: ['kpiId', 'periodStart'], isUnique: true }));
  }
}
