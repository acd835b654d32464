import type { LoadedSensitivity } from '../insight/insight.service.js';
import type { WeightSensitivity } from '../results/sensitivity.js';

/**
 * The robustness chart's data: one bar per weight that can be varied (every two-group question at
 * once, each such question, the price), cut into stretches coloured by the bid that would rank first.
 * Drawn only: the numbers to the last digit are in the sentences beside the chart.
 */
export function sensitivityChart(loaded: LoadedSensitivity) {
  const { sensitivity: report, bids } = loaded;
  const name = (ids: string[]) => (ids.length === 0 ? 'No eligible bid' : ids.map((id) => bids.find((b) => b.id === id)?.supplierName ?? id).join(' and ') + (ids.length > 1 ? ' (tie)' : ''));
  const row = (label: string, w: WeightSensitivity) => ({
    label,
    published: w.published === null ? null : Number(w.published),
    segments: w.segments.filter((s) => s.from !== s.to).map((s) => ({ from: Number(s.from), to: Number(s.to), winner: name(s.winnerIds) })),
  });
  const rows = [
    ...(report.roundGroupWeight ? [row('Young partners’ weight, all shared questions', report.roundGroupWeight)] : []),
    ...(report.groupWeight.length > 1 ? report.groupWeight.map((w) => row(`Young partners’ weight on ${w.key}`, w)) : []),
    ...(report.priceWeight ? [row('Price weight', report.priceWeight)] : []),
  ];
  const winners = [...new Set(rows.flatMap((r) => r.segments.map((s) => s.winner)))];
  return { rows, winners, current: name(report.winnerIds) };
}
