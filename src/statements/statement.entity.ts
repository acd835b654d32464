import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { InstantColumn, JsonColumn } from '../common/columns.js';
import { EntityWithId } from '../common/entity-id.js';
import { Round } from '../round-core/round.entity.js';

/** A workshop or session with young people that statements came from. */
@Entity('workshops')
export class Workshop extends EntityWithId {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  heldOn: string;

  /** The organiser or facilitator (staff, never a young person). */
  @Column({ type: 'varchar', length: 200 })
  ranBy: string;

  @Column({ type: 'integer' })
  participants: number;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;
}

export type StatementStatus = 'proposed' | 'accepted';

/**
 * An i-Statement: what young people said, in their own words. It belongs to the organisation, not to
 * a round; rounds cite it. The group that said it is a code, never a young person's name.
 */
@Entity('statements')
@Index('IDX_statements_workshop', ['workshopId'])
export class Statement extends EntityWithId {
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  workshopId: string | null;

  @ManyToOne(() => Workshop, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'workshopId' })
  workshop?: Relation<Workshop> | null;

  /** Lower-case theme tags, e.g. ["trust", "lived experience"]. */
  @JsonColumn()
  themes: string[];

  @Column({ type: 'varchar', length: 30 })
  groupCode: string;

  /** The young people agreed it may be used beyond the organisation's own pages (the panel, exports). */
  @Column({ type: 'boolean' })
  consent: boolean;

  /** A young partner's addition waits for a commissioner to accept it. */
  @Column({ type: 'varchar', length: 10 })
  status: StatementStatus;

  @Column({ type: 'varchar', length: 36 })
  addedById: string;

  /** True when a young partner added it (so it is shown as theirs). */
  @Column({ type: 'boolean' })
  addedByYoungPartner: boolean;

  @InstantColumn()
  addedAt: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  acceptedById: string | null;

  @InstantColumn({ nullable: true })
  acceptedAt: Date | null;
}

/**
 * A question of a round citing a statement it answers. Linked by the question's key, not its row id,
 * because a draft's criteria are replaced wholesale (new ids) each time the lead edits them.
 */
@Entity('question_statements')
@Index('IDX_question_statements_cite', ['roundId', 'questionKey', 'statementId'], { unique: true })
@Index('IDX_question_statements_statement', ['statementId'])
export class QuestionStatement extends EntityWithId {
  @Column({ type: 'varchar', length: 36 })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundId' })
  round?: Relation<Round>;

  @Column({ type: 'varchar', length: 20 })
  questionKey: string;

  @Column({ type: 'varchar', length: 36 })
  statementId: string;

  @ManyToOne(() => Statement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statementId' })
  statement?: Relation<Statement>;
}
