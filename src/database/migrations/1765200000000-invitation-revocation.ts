import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** An invitation can be revoked before it is used: its link stops working and the record stays. */
export class InvitationRevocation1765200000000 implements MigrationInterface {
  name = 'InvitationRevocation1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('invitations', new TableColumn({ name: 'revokedAt', type: 'varchar', length: '24', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('invitations', 'revokedAt');
  }
}
