/**
 * Krippendorff's alpha: agreement among any number of raters, with missing ratings, for nominal,
 * ordinal or interval values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 * alpha = 1 - Do/De: 1 is perfect agreement, 0 no better than chance. Computed from the coincidence
 * matrix: within each unit every ordered pair of values from different raters counts 1/(m - 1), where
 * m is the number of values in the unit; units with fewer than two values are not pairable.
 */

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

/**
 * @param units each unit's values, one per rater who rated it (missing ratings left out)
 * @returns alpha, or null when it is undefined: fewer than two pairable values, or no variation at all
 */
export function krippendorffAlpha(units: readonly (readonly number[])[], metric: AlphaMetric): number | null {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of pairable) {
    const weight = 1 / (unit.length - 1);
    unit.forEach((a, i) => unit.forEach((b, j) => {
      if (i !== j) o[index.get(a)!][index.get(b)!] += weight;
    }));
  }
  const n_c = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = n_c.reduce((s, x) => s + x, 0);
  if (n < 2) return null;

  const delta = distance(metric, values, n_c);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      observed += o[c][k] * delta(c, k);
      expected += n_c[c] * n_c[k] * delta(c, k);
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** The squared difference between the c-th and k-th values under the metric. */
function distance(metric: AlphaMetric, values: number[], n_c: number[]): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ordinal':
      // How many values lie between the two, counting each end half.
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        let between = 0;
        for (let g = lo; g <= hi; g++) between += n_c[g];
        return (between - (n_c[c] + n_c[k]) / 2) ** 2;
      };
  }
}

/** Krippendorff's own reading: at least 0.800 reliable, 0.667 to 0.800 for tentative conclusions only, below that not reliable. */
export function alphaMeaning(alpha: number | null): string {
  if (alpha === null) return 'not enough marks to tell (at least two marks on a bid, and some difference between marks, are needed)';
  if (alpha >= 0.8) return 'the panel applied the scale consistently';
  if (alpha >= 0.667) return 'the panel applied the scale fairly consistently: good enough for tentative conclusions only';
  return 'the panel did not apply the scale consistently';
}
