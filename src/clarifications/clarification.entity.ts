import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../common/columns.js';
import { RoundOwned } from '../round-core/round-owned.entity.js';

/** A clarification's short reference, C1, C2, ... */
export const clarificationRef = (number: number) => `C${number}`;

/**
 * A bidder's clarification question during tendering, as received, with the answer the lead shares with
 * every bidder. Who asked stays private (RoundViewer.seesClarificationAskers). Once published it is part
 * of the tender record: never edited, only superseded by a new clarification that points back to it.
 */
@Entity('clarifications')
@Index('IDX_clarifications_round_number', ['roundId', 'number'], { unique: true })
export class Clarification extends RoundOwned {
  /** C1, C2, ... in the order recorded, within the round. */
  @Column({ type: 'integer' })
  number: number;

  /** The question of the round it concerns, by key; null for the tender as a whole. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  questionKey: string | null;

  /** The question as received (anonymised by the lead where it names the bidder). */
  @Column({ type: 'text' })
  question: string;

  @InstantColumn()
  receivedAt: Date;

  /** The organisation that asked: the lead and auditors only, never the panel or an export. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  askedBy: string | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  /** The answer changes the tender documents (bidders must take it into account). */
  @Column({ type: 'boolean', default: false })
  changesTenderDocuments: boolean;

  /** When the answer was published to every bidder; null while it is a draft. */
  @InstantColumn({ nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  supersedesId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  supersededById: string | null;

  /** Why the clarification it supersedes was replaced. */
  @Column({ type: 'text', nullable: true })
  supersedeReason: string | null;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;
}

/** Draft until published to bidders; superseded once a correction replaced it. */
export function statusOf(c: Pick<Clarification, 'publishedAt' | 'supersededById'>): 'draft' | 'published' | 'superseded' {
  return c.supersededById ? 'superseded' : c.publishedAt ? 'published' : 'draft';
}
