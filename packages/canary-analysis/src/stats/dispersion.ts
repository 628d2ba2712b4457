import { chiSquareQuantile, Z95 } from './chi-square.js';

/** One interval's share: `hits` of `trials` (errors of requests, slow of timed requests). */
export interface IntervalCount {
  hits: number;
  trials: number;
}

/**
 * The overdispersion factor (quasi-binomial phi) of a series of interval counts: Pearson's
 * X^2 over its degrees of freedom, when X^2 says the intervals vary more than independent
 * requests would (the 95th percentile of chi-square), and 1 otherwise. Errors come in bursts
 * and pods pause, so requests are not independent; dividing counts by phi turns n correlated
 * requests into the n / phi independent ones they are worth. Estimated from the baseline,
 * whose behaviour is the service's normal.
 */
export function dispersionFactor(intervals: readonly IntervalCount[]): number {
  const used = intervals.filter((i) => i.trials > 0);
  if (used.length < 3) return 1;
  const hits = used.reduce((s, i) => s + i.hits, 0);
  const trials = used.reduce((s, i) => s + i.trials, 0);
  const p = hits / trials;
  if (p <= 0 || p >= 1) return 1;
  let x2 = 0;
  for (const i of used) {
    const expected = i.trials * p;
    x2 += (i.hits - expected) ** 2 / (expected * (1 - p));
  }
  const df = used.length - 1;
  return x2 > chiSquareQuantile(df, Z95) ? x2 / df : 1;
}
