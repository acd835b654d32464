import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { InstantColumn } from '../common/columns.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { RoundOwned } from '../round-core/round-owned.entity.js';

// Questions are linked by key, not row id: a draft's criteria are replaced wholesale (new ids) on each edit.

/** Whether a round must have its questions checked by its young partners before it is published. */
@Entity('question_review_settings')
@Index('IDX_question_review_settings_round', ['roundId'], { unique: true })
export class QuestionReviewSetting extends RoundOwned {
  @Column({ type: 'boolean' })
  required: boolean;

  @Column({ type: 'varchar', length: 36 })
  setById: string;

  @InstantColumn()
  setAt: Date;
}

export type Verdict = 'clear' | 'suggestion';
export type FeedbackOutcome = 'open' | 'accepted' | 'answered';

/** One young partner's word on one question's plain-language version: clear, or better words; and the lead's reply. */
@Entity('question_feedback')
@Index('IDX_question_feedback_member_question', ['roundId', 'panelMemberId', 'questionKey'], { unique: true })
@Index('IDX_question_feedback_member', ['panelMemberId'])
export class QuestionFeedback extends RoundOwned {
  @Column({ type: 'varchar', length: 20 })
  questionKey: string;

  @Column({ type: 'varchar', length: 36 })
  panelMemberId: string;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  member?: Relation<PanelMember>;

  @Column({ type: 'varchar', length: 12 })
  verdict: Verdict;

  @Column({ type: 'text', nullable: true })
  suggestedWording: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** The wording the young partner was looking at, so a reply reads against it even after it changed. */
  @Column({ type: 'text' })
  wordingSeen: string;

  @InstantColumn()
  givenAt: Date;

  @Column({ type: 'varchar', length: 12 })
  outcome: FeedbackOutcome;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  respondedById: string | null;

  @InstantColumn({ nullable: true })
  respondedAt: Date | null;
}

/** Every plain-language wording a question has had once the lead accepted a change: earlier versions are kept. */
@Entity('question_wordings')
@Index('IDX_question_wordings_version', ['roundId', 'questionKey', 'version'], { unique: true })
export class QuestionWording extends RoundOwned {
  @Column({ type: 'varchar', length: 20 })
  questionKey: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  text: string;

  /** The suggestion it came from; null for the wording the lead first wrote. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  fromFeedbackId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  recordedById: string | null;

  @InstantColumn()
  recordedAt: Date;
}

/** The lead's record of why a young partner did not check the questions (lets a required review be published). */
@Entity('question_review_waivers')
@Index('IDX_question_review_waivers_member', ['roundId', 'panelMemberId'], { unique: true })
export class QuestionReviewWaiver extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  panelMemberId: string;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  member?: Relation<PanelMember>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;
}
