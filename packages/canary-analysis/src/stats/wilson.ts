/** z of a two-sided 95 % interval. */
const Z_TWO_SIDED_95 = 1.959963984540054;

/**
 * The Wilson score interval of `hits` out of `n` at 95 %: honest near 0 % and 100 %, where
 * the normal interval runs below zero (a backtest with no rollback, a simulation with all
 * detected). With no trials it is the whole of 0..1.
 */
export function wilsonInterval(hits: number, n: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = hits / n;
  const z2 = Z_TWO_SIDED_95 * Z_TWO_SIDED_95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_TWO_SIDED_95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
