import type { JudgedWindow } from '../checks/judged-window.js';
import { WINDOW_INTERVALS } from '../policy.js';
import type { TargetWindow } from './target-window.js';
import { sumWindows } from './window-math.js';

/** One interval between two reads of the metrics, both sides. */
export interface IntervalSample {
  /** Seconds since monitoring started, at the interval's start. */
  fromSec: number;
  /** Seconds since monitoring started, at the interval's end. */
  toSec: number;
  canary: TargetWindow;
  /** Absent when the run has no baseline. */
  baseline?: TargetWindow;
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
    };
  });
}
