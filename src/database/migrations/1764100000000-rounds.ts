import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });
const instant = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });
const text = (name: string, isNullable = false) => ({ name, type: 'text', isNullable });
const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const onRound = { columnNames: ['roundId'], referencedTableName: 'rounds', referencedColumnNames: ['id'], onDelete: 'CASCADE' };

/** Rounds, their criteria, panel, conflicts, bids and workflow history. */
export class Rounds1764100000000 implements MigrationInterface {
  name = 'Rounds1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rounds',
        columns: [
          id,
          { ...varchar('reference', 40), isUnique: true },
          varchar('title', 200),
          text('description'),
          varchar('route', 40),
          varchar('machineId', 40),
          { name: 'machineVersion', type: 'integer' },
          varchar('state', 40),
          text('context'),
          text('scale'),
          text('tieBreak'),
          instant('tenderDeadline', true),
          instant('standstillEndsAt', true),
          text('conflictsAssessment', true),
          ref('leadId'),
          instant('createdAt'),
          { name: 'version', type: 'integer' },
        ],
        foreignKeys: [{ columnNames: ['leadId'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createIndex('rounds', new TableIndex({ name: 'IDX_rounds_state_deadline', columnNames: ['state', 'tenderDeadline'] }));

    await queryRunner.createTable(
      new Table({
        name: 'round_transitions',
        columns: [id, ref('roundId'), varchar('event', 40), varchar('fromState', 40), varchar('toState', 40), ref('actorId', true), text('reason', true), instant('occurredAt')],
        foreignKeys: [onRound],
      }),
    );
    await queryRunner.createIndex('round_transitions', new TableIndex({ name: 'IDX_round_transitions_round', columnNames: ['roundId', 'occurredAt'] }));

    await queryRunner.createTable(
      new Table({
        name: 'criteria',
        columns: [
          id,
          ref('roundId'),
          ref('parentId', true),
          varchar('key', 20),
          { name: 'position', type: 'integer' },
          varchar('title', 200),
          varchar('weight', 12),
          varchar('type', 12, true),
          text('text', true),
          text('plainLanguage', true),
          text('guidance', true),
          { name: 'threshold', type: 'integer', isNullable: true },
          text('scoredBy'),
          text('groupWeights'),
        ],
        foreignKeys: [onRound],
      }),
    );
    await queryRunner.createIndex('criteria', new TableIndex({ name: 'IDX_criteria_round_key', columnNames: ['roundId', 'key'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'panel_members',
        columns: [
          id,
          ref('roundId'),
          ref('userId'),
          varchar('group', 20),
          varchar('panelCode', 10),
          { name: 'seesPrice', type: 'boolean' },
          instant('addedAt'),
          instant('conflictsDeclaredAt', true),
          instant('scoresSubmittedAt', true),
          instant('withdrawnAt', true),
          text('withdrawalReason', true),
        ],
        foreignKeys: [onRound, { columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createIndex('panel_members', new TableIndex({ name: 'IDX_panel_members_round_user', columnNames: ['roundId', 'userId'], isUnique: true }));
    await queryRunner.createIndex('panel_members', new TableIndex({ name: 'IDX_panel_members_round_code', columnNames: ['roundId', 'panelCode'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'bids',
        columns: [
          id,
          ref('roundId'),
          varchar('supplierName', 200),
          varchar('price', 20, true),
          text('responses'),
          instant('receivedAt'),
          ref('registeredById'),
          { ...varchar('compliance', 12), default: "'pending'" },
          text('complianceReason', true),
          instant('complianceDecidedAt', true),
        ],
        foreignKeys: [onRound],
      }),
    );
    await queryRunner.createIndex('bids', new TableIndex({ name: 'IDX_bids_round_supplier', columnNames: ['roundId', 'supplierName'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'conflict_declarations',
        columns: [id, ref('roundId'), ref('panelMemberId'), ref('bidId'), text('interest'), instant('declaredAt')],
        foreignKeys: [
          onRound,
          { columnNames: ['panelMemberId'], referencedTableName: 'panel_members', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['bidId'], referencedTableName: 'bids', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createIndex('conflict_declarations', new TableIndex({ name: 'IDX_conflicts_member_bid', columnNames: ['panelMemberId', 'bidId'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['conflict_declarations', 'bids', 'panel_members', 'criteria', 'round_transitions', 'rounds']) {
      await queryRunner.dropTable(table);
    }
  }
}
