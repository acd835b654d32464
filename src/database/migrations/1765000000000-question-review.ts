import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const instant = (name: string, nullable = false) => ({ name, type: 'varchar', length: '24', isNullable: nullable });
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const round = { columnNames: ['roundId'], referencedTableName: 'rounds', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
const member = { columnNames: ['panelMemberId'], referencedTableName: 'panel_members', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/** Young partners check the questions before publication (issue 12, part 3). */
export class QuestionReview1765000000000 implements MigrationInterface {
  name = 'QuestionReview1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'question_review_settings',
      columns: [id, ref('roundId'), { name: 'required', type: 'boolean' }, ref('setById'), instant('setAt')],
      foreignKeys: [round],
    }));
    await queryRunner.createIndex('question_review_settings', new TableIndex({ name: 'IDX_question_review_settings_round', columnNames: ['roundId'], isUnique: true }));
    await queryRunner.createTable(new Table({
      name: 'question_feedback',
      columns: [
        id, ref('roundId'), { name: 'questionKey', type: 'varchar', length: '20' }, ref('panelMemberId'), { name: 'verdict', type: 'varchar', length: '12' },
        text('suggestedWording', true), text('comment', true), text('wordingSeen'), instant('givenAt'), { name: 'outcome', type: 'varchar', length: '12' },
        text('answer', true), ref('respondedById', true), instant('respondedAt', true),
      ],
      foreignKeys: [round, member],
    }));
    await queryRunner.createIndex('question_feedback', new TableIndex({ name: 'IDX_question_feedback_member_question', columnNames: ['roundId', 'panelMemberId', 'questionKey'], isUnique: true }));
    await queryRunner.createIndex('question_feedback', new TableIndex({ name: 'IDX_question_feedback_member', columnNames: ['panelMemberId'] }));
    await queryRunner.createTable(new Table({
      name: 'question_wordings',
      columns: [id, ref('roundId'), { name: 'questionKey', type: 'varchar', length: '20' }, { name: 'version', type: 'integer' }, text('text'), ref('fromFeedbackId', true), ref('recordedById', true), instant('recordedAt')],
      foreignKeys: [round],
    }));
    await queryRunner.createIndex('question_wordings', new TableIndex({ name: 'IDX_question_wordings_version', columnNames: ['roundId', 'questionKey', 'version'], isUnique: true }));
    await queryRunner.createTable(new Table({
      name: 'question_review_waivers',
      columns: [id, ref('roundId'), ref('panelMemberId'), text('reason'), ref('recordedById'), instant('recordedAt')],
      foreignKeys: [round, member],
    }));
    await queryRunner.createIndex('question_review_waivers', new TableIndex({ name: 'IDX_question_review_waivers_member', columnNames: ['roundId', 'panelMemberId'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['question_review_waivers', 'question_wordings', 'question_feedback', 'question_review_settings']) await queryRunner.dropTable(table);
  }
}
