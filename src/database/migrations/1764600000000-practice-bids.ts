import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A practice bid (calibration exercise): scored by every panellist first, never in the award. */
export class PracticeBids1764600000000 implements MigrationInterface {
  name = 'PracticeBids1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each database writes a boolean default its own way (as TypeORM reads the entity's `default: false`).
    const no = queryRunner.connection.options.type === 'postgres' ? 'false' : '0';
    await queryRunner.addColumn('bids', new TableColumn({ name: 'practice', type: 'boolean', default: no }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('bids', 'practice');
  }
}
