/** Refusals about the awarded contract's KPIs, their reporting periods and young partners' reviews. */
export enum ContractsErrorCode {
  /** No such KPI in this round. */
  KpiNotFound = 'contracts.kpi_not_found',
  /** No such reporting period in this round. */
  PeriodNotFound = 'contracts.period_not_found',
  /** Not possible at this stage: KPIs follow the award decision, performance and reviews the award; `state` says where it is. */
  WrongStage = 'contracts.wrong_stage',
  /** A reporting period starts on the first day of a month. */
  PeriodStartInvalid = 'contracts.period_start_invalid',
  /** The KPI already has a period that overlaps this one. */
  PeriodOverlaps = 'contracts.period_overlaps',
  /** The lot of a period is missing in a round with lots, names none of its lots, or is given in a round without lots. */
  LotInvalid = 'contracts.lot_invalid',
  /** The lot was not awarded (no award, or not decided): it has no contract to report on. */
  LotNotAwarded = 'contracts.lot_not_awarded',
  /** A cited i-Statement does not exist. */
  StatementNotFound = 'contracts.statement_not_found',
  /** A cited i-Statement is still waiting to be accepted. */
  StatementNotAccepted = 'contracts.statement_not_accepted',
}
