import { Exact } from '../results/exact.js';
import type { KpiDirection, KpiFrequency } from './kpi.entity.js';

const MONTHS: Record<KpiFrequency, number> = { monthly: 1, quarterly: 3, sixMonthly: 6, yearly: 12 };

/** Plain words for how often a KPI is reported. */
export const FREQUENCY_WORDS: Record<KpiFrequency, string> = { monthly: 'every month', quarterly: 'every 3 months', sixMonthly: 'every 6 months', yearly: 'every year' };

/** Reporting periods start on the first day of a month; null when `start` is not one. */
export function periodEnd(start: string, frequency: KpiFrequency): string | null {
  const match = /^(\d{4})-(\d{2})-01$/.exec(start);
  if (!match) return null;
  // Day 0 of the month after the period is its last day.
  const last = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1 + MONTHS[frequency], 0));
  return last.toISOString().slice(0, 10);
}

/** Whether two periods (inclusive YYYY-MM-DD ranges) share a day. */
export const overlaps = (a: { periodStart: string; periodEnd: string }, b: { periodStart: string; periodEnd: string }) =>
  a.periodStart <= b.periodEnd && b.periodStart <= a.periodEnd;

/** The value meets the target: at or above it when higher is better, at or below it when lower is better (exact). */
export function meetsTarget(value: string, target: string, direction: KpiDirection): boolean {
  const cmp = new Exact(value).cmp(target);
  return direction === 'atLeast' ? cmp >= 0 : cmp <= 0;
}
