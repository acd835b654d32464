import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A consensus the lead must review because a panellist whose mark informed it declared an interest since. */
export class PanelIntegrity1764300000000 implements MigrationInterface {
  name = 'PanelIntegrity1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('consensus', new TableColumn({ name: 'reviewNeeded', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('consensus', 'reviewNeeded');
  }
}
