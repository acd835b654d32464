import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Lots: the round's lots and each lot's award decision, and the lot of each bid. A supplier may bid
 * once per lot, so the unique index moves from (round, supplier) to (round, lot, supplier). Bids of
 * rounds without lots get the lot '' rather than NULL, which both databases would let repeat.
 */
export class Lots1765500000000 implements MigrationInterface {
  name = 'Lots1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('rounds', new TableColumn({ name: 'lots', type: 'text', isNullable: true }));
    await queryRunner.addColumn('rounds', new TableColumn({ name: 'lotDecisions', type: 'text', isNullable: true }));
    await queryRunner.dropIndex('bids', 'IDX_bids_round_supplier');
    await queryRunner.addColumn('bids', new TableColumn({ name: 'lotKey', type: 'varchar', length: '20', default: "''" }));
    await queryRunner.createIndex('bids', new TableIndex({ name: 'IDX_bids_round_lot_supplier', columnNames: ['roundId', 'lotKey', 'supplierName'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('bids', 'IDX_bids_round_lot_supplier');
    await queryRunner.dropColumn('bids', 'lotKey');
    await queryRunner.createIndex('bids', new TableIndex({ name: 'IDX_bids_round_supplier', columnNames: ['roundId', 'supplierName'], isUnique: true }));
    await queryRunner.dropColumn('rounds', 'lotDecisions');
    await queryRunner.dropColumn('rounds', 'lots');
  }
}
