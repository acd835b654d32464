import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** A checked bid file waiting for the lead's confirmation (no bid exists until then). */
export class BidUploads1765410000000 implements MigrationInterface {
  name = 'BidUploads1765410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'bid_uploads',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'roundId', type: 'varchar', length: '36' },
          { name: 'fileName', type: 'varchar', length: '200' },
          { name: 'format', type: 'varchar', length: '4' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'content', type: 'text' },
          { name: 'clean', type: 'boolean' },
          { name: 'uploadedById', type: 'varchar', length: '36' },
          { name: 'uploadedAt', type: 'varchar', length: '24' },
        ],
        foreignKeys: [{ columnNames: ['roundId'], referencedTableName: 'rounds', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('bid_uploads');
  }
}
