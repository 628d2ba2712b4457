import { withinGroupsDispersion } from '../stats/dispersion.js';
import type { IntervalSample, ReadBin } from './look-windows.js';

/**
 * The overdispersion of the canary's errors inside a window's intervals, from their
 * sub-interval reads: Pearson's X^2 of each interval's bins against that interval's own
 * rate, pooled over the window's intervals, over its degrees of freedom, less what chance
 * adds (`withinGroupsDispersion`; at least 1).
 *
 * A burst (2 s at 10 % errors in a 5 s interval) puts its errors in one or two of the
 * interval's bins (four by default) and inflates it; a regression spread over time keeps the bins binomial (about 1),
 * and a rate that steps between intervals adds nothing (each interval has its own rate).
 * Unlike the baseline's factors it is not gated by significance: four bins give 3 degrees of
 * freedom, too few for X^2 to be significant for a burst that straddles bins, and the
 * estimate, at least 1, can only make a test more careful (see the package README for the
 * measured trade-off). Only the canary's bins: pooling the baseline's (the same process
 * under the null) dilutes the canary's burst and was measured worse.
 */
export function readsDispersion(slice: readonly IntervalSample[]): number {
  return withinGroupsDispersion(slice.map((i) => (i.reads?.canary ?? []).map(count)));
}

const count = (b: ReadBin) => ({ hits: b.errors, trials: b.requests });
