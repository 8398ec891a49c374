/**
 * Nearest-rank quantile of `values` (any order; q from 0 to 1): the smallest value with at
 * least q of all values at or below it. 0 for no values. The client's CorrectionLog uses the
 * same rule, so figures from bots, bench and the net graph compare.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
