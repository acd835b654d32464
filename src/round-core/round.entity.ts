import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation, VersionColumn } from 'typeorm';
import type { RoundContext, RouteId } from '../../workflows/index.js';
import type { TieBreakRule } from '../results/model.js';
import { InstantColumn, JsonColumn } from '../common/columns.js';
import { EntityWithId } from '../common/entity-id.js';
import { User } from '../users/user.entity.js';
import type { Lot, LotDecision } from './lots.js';

export interface ScaleDescriptor {
  mark: number;
  label: string;
  description: string;
  plainLanguage: string;
}

export interface Scale {
  max: number;
  descriptors: ScaleDescriptor[];
}

export type { TieBreakRule };

export interface TieBreak {
  rule: TieBreakRule;
  description: string;
}

/** The preferred bidder, and the reason when it is not the top-ranked eligible bid. */
export interface AwardDecision {
  bidId: string;
  topRanked: boolean;
  departureReason: string | null;
  recordedAt: string;
  recordedById: string;
}

export interface ConflictsAssessment {
  summary: string;
  recordedAt: string;
  recordedById: string;
}

/** A commissioning round: its published method, its timetable and where its workflow stands. */
@Entity('rounds')
@Index('IDX_rounds_state_deadline', ['state', 'tenderDeadline'])
export class Round extends EntityWithId {
  @Column({ type: 'varchar', length: 40, unique: true })
  reference: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 40 })
  route: RouteId;

  @Column({ type: 'varchar', length: 40 })
  machineId: string;

  @Column({ type: 'integer' })
  machineVersion: number;

  /** The workflow state, kept in its own column so due deadlines can be found with an index. */
  @Column({ type: 'varchar', length: 40 })
  state: string;

  @JsonColumn()
  context: RoundContext;

  @JsonColumn()
  scale: Scale;

  @JsonColumn()
  tieBreak: TieBreak;

  @InstantColumn({ nullable: true })
  tenderDeadline: Date | null;

  /** Bidders' clarification questions are taken until this instant (optional; before the tender deadline). */
  @InstantColumn({ nullable: true })
  clarificationDeadline: Date | null;

  /** Copied from the workflow context when the award notice is issued, for the scheduler's query. */
  @InstantColumn({ nullable: true })
  standstillEndsAt: Date | null;

  @JsonColumn({ nullable: true })
  conflictsAssessment: ConflictsAssessment | null;

  /** The round without lots: its preferred bidder. A round with lots records lotDecisions instead. */
  @JsonColumn({ nullable: true })
  awardDecision: AwardDecision | null;

  /** The round's lots in published order; null for a round without lots (one implicit lot, see lots.ts). */
  @JsonColumn({ nullable: true })
  lots: Lot[] | null;

  /** A round with lots: the decision of each lot decided so far (preferred bidder, or no award with a reason). */
  @JsonColumn({ nullable: true })
  lotDecisions: LotDecision[] | null;

  @Column({ type: 'varchar', length: 36 })
  leadId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'leadId' })
  lead?: Relation<User>;

  @InstantColumn()
  createdAt: Date;

  /** Bumped on every change to the round: a command that read an older version loses with a 409. */
  @VersionColumn()
  version: number;
}
