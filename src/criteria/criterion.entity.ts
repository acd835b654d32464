import { Column, Entity, Index } from 'typeorm';
import { RoundOwned } from '../round-core/round-owned.entity.js';
import { JsonColumn } from '../common/columns.js';
import type { PanelGroup } from '../domain/panel-group.js';

export type CriterionType = 'quality' | 'price' | 'passFail';

/**
 * A node of the criteria tree: a section (parentId null) or a question inside one.
 * Weights are decimal strings ("33.33") so no arithmetic ever goes through a float.
 */
@Entity('criteria')
@Index('IDX_criteria_round_key', ['roundId', 'key'], { unique: true })
export class Criterion extends RoundOwned {
  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 20 })
  key: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 12 })
  weight: string;

  /** Questions only. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  type: CriterionType | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', nullable: true })
  plainLanguage: string | null;

  @Column({ type: 'text', nullable: true })
  guidance: string | null;

  @Column({ type: 'integer', nullable: true })
  threshold: number | null;

  @JsonColumn()
  scoredBy: PanelGroup[];

  @JsonColumn()
  groupWeights: Partial<Record<PanelGroup, string>>;
}
