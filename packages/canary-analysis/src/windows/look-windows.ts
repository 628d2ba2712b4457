import type { JudgedWindow } from '../checks/judged-window.js';
import { WINDOW_INTERVALS } from '../policy.js';
import { readsDispersion } from './reads-dispersion.js';
import type { TargetWindow } from './target-window.js';
import { sumWindows } from './window-math.js';

/** What one side served between two sub-interval reads of its metrics. */
export interface ReadBin {
  requests: number;
  errors: number;
}

/** One interval between two reads of the metrics, both sides. */
export interface IntervalSample {
  /** Seconds since monitoring started, at the interval's start. */
  fromSec: number;
  /** Seconds since monitoring started, at the interval's end. */
  toSec: number;
  canary: TargetWindow;
  /** Absent when the run has no baseline. */
  baseline?: TargetWindow;
  /**
   * Each side's sub-interval reads, in time order, summing to its interval's requests and
   * errors (the scrape source reads `metrics.readsPerInterval` times per interval). They
   * show a burst inside the interval, which the interval's total cannot: see
   * `readsDispersion`. Either side may lack them.
   */
  reads?: { canary?: readonly ReadBin[]; baseline?: readonly ReadBin[] };
}

/**
 * The windows a look tests over `intervals`: the last 1, 2, 3, 6 and 12 of them and all of
 * them, each summed, shortest first; lengths that would repeat a window are left out.
 */
export function lookWindows(intervals: readonly IntervalSample[]): JudgedWindow[] {
  const n = intervals.length;
  if (n === 0) return [];
  const lengths = WINDOW_INTERVALS.filter((w) => w < n) as number[];
  lengths.push(n);
  return lengths.map((length) => {
    const slice = intervals.slice(n - length);
    const baselines = slice.map((i) => i.baseline).filter((b) => b !== undefined);
    return {
      fromSec: slice[0]!.fromSec,
      toSec: slice.at(-1)!.toSec,
      canary: sumWindows(slice.map((i) => i.canary)),
      ...(baselines.length === slice.length && slice.length > 0
        ? { baseline: sumWindows(baselines) }
        : {}),
      whole: length === n,
      readsDispersion: readsDispersion(slice),
    };
  });
}
