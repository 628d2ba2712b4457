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
  const { x2, df } = pearson([intervals]);
  if (df < 2) return 1;
  return x2 > chiSquareQuantile(df, Z95) ? x2 / df : 1;
}

/**
 * What X^2 / df of a few degrees of freedom exceeds 1 by through chance alone, and so does
 * not count: with 3 (four reads an interval) it is beyond 1.5 a fifth of the time for
 * independent requests. Chosen on the simulation (canary-analysis' README): 0 slowed the
 * first look on a +5-point regression (51 % caught instead of 58 %), 1 let bursts through.
 */
const CHANCE_EXCESS = 0.5;

/**
 * The factor of counts in groups, each held to its own rate (X^2 and degrees of freedom
 * summed over the groups): only the variation inside the groups counts, not a rate that
 * differs between them. Not gated by significance: X^2 / df less what chance adds
 * (`CHANCE_EXCESS`), at least 1 (1 without degrees of freedom). A group with fewer than two
 * counts with trials, with only hits, or with fewer hits than counts is left out: below one expected hit per count, X^2 is no longer
 * chi-square-like (two errors of a quiet interval that happen to share a second would read
 * as a burst), and a group without hits tells nothing of dispersion.
 */
export function withinGroupsDispersion(groups: ReadonlyArray<readonly IntervalCount[]>): number {
  const { x2, df } = pearson(groups, 1);
  return df > 0 ? Math.max(1, x2 / df - CHANCE_EXCESS) : 1;
}

function pearson(
  groups: ReadonlyArray<readonly IntervalCount[]>,
  minMeanHits = 0,
): { x2: number; df: number } {
  let x2 = 0;
  let df = 0;
  for (const group of groups) {
    const used = group.filter((i) => i.trials > 0);
    if (used.length < 2) continue;
    const hits = used.reduce((s, i) => s + i.hits, 0);
    const trials = used.reduce((s, i) => s + i.trials, 0);
    const p = hits / trials;
    if (p <= 0 || p >= 1 || hits < minMeanHits * used.length) continue;
    for (const i of used) {
      const expected = i.trials * p;
      x2 += (i.hits - expected) ** 2 / (expected * (1 - p));
    }
    df += used.length - 1;
  }
  return { x2, df };
}
