import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { InstantColumn, JsonColumn } from '../common/columns.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { RoundOwned } from '../round-core/round-owned.entity.js';

export const KPI_FREQUENCIES = ['monthly', 'quarterly', 'sixMonthly', 'yearly'] as const;
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];
/** atLeast: higher is better (the target is a floor); atMost: lower is better (a ceiling). */
export const KPI_DIRECTIONS = ['atLeast', 'atMost'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
/** A young partner's answer to "Is this what young people asked for?" */
export const REVIEW_RATINGS = ['yes', 'partly', 'notYet'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

/** A Key Performance Indicator of the awarded contract, set from the i-Statements it answers. */
@Entity('contract_kpis')
@Index('IDX_contract_kpis_round', ['roundId'])
export class Kpi extends RoundOwned {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** How it is measured, e.g. "Young people who say they were listened to, from the exit survey". */
  @Column({ type: 'text' })
  measure: string;

  /** e.g. "%", "days", "young people". */
  @Column({ type: 'varchar', length: 30 })
  unit: string;

  /** Exact decimal string. */
  @Column({ type: 'varchar', length: 40 })
  target: string;

  @Column({ type: 'varchar', length: 10 })
  direction: KpiDirection;

  @Column({ type: 'varchar', length: 12 })
  frequency: KpiFrequency;

  /** The i-Statements it answers, in the order given. */
  @JsonColumn()
  statementIds: string[];

  @Column({ type: 'varchar', length: 36 })
  definedById: string;

  @InstantColumn()
  definedAt: Date;
}

/** The performance recorded for one KPI over one reporting period. */
@Entity('kpi_periods')
// Per lot: each awarded lot is its own contract. A round without lots has every period in the lot '' (NO_LOT).
@Index('IDX_kpi_periods_lot_start', ['kpiId', 'lotKey', 'periodStart'], { unique: true })
@Index('IDX_kpi_periods_round', ['roundId'])
export class KpiPeriod extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  kpiId: string;

  @ManyToOne(() => Kpi, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'kpiId' })
  kpi?: Kpi;

  /** The awarded lot whose contract this period reports on, or '' (NO_LOT) in a round without lots. */
  @Column({ type: 'varchar', length: 20, default: '' })
  lotKey: string;

  /** YYYY-MM-DD, both inclusive; the end follows from the KPI's frequency. */
  @Column({ type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ type: 'varchar', length: 10 })
  periodEnd: string;

  /** Exact decimal string. */
  @Column({ type: 'varchar', length: 40 })
  value: string;

  @Column({ type: 'text' })
  commentary: string;

  /** Where the evidence is kept (a report, a survey file), e.g. "Quarterly report Q1, section 3". */
  @Column({ type: 'varchar', length: 300 })
  evidenceReference: string;

  @Column({ type: 'varchar', length: 36 })
  recordedById: string;

  @InstantColumn()
  recordedAt: Date;
}

/** A young partner's review of one reporting period: a rating on a simple scale and a comment in plain words. */
@Entity('kpi_reviews')
@Index('IDX_kpi_reviews_member', ['periodId', 'panelMemberId'], { unique: true })
@Index('IDX_kpi_reviews_round', ['roundId'])
export class KpiReview extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  periodId: string;

  @ManyToOne(() => KpiPeriod, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'periodId' })
  period?: KpiPeriod;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  panelMember?: PanelMember;

  @Column({ type: 'varchar', length: 36 })
  panelMemberId: string;

  @Column({ type: 'varchar', length: 10 })
  rating: ReviewRating;

  @Column({ type: 'text' })
  comment: string;

  @InstantColumn()
  reviewedAt: Date;
}
