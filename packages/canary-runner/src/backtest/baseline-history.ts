import { subtractWindows, type TargetWindow } from '@n1v1/canary-analysis';
import type { MetricMapping } from '../metrics/mapping/metric-mapping.js';
import { promqlQueries } from '../metrics/promql.js';
import { windowFromSums } from '../metrics/window-from-sums.js';
import { rangeQuery } from './range-query.js';

/** One interval of recorded traffic: what the target served between two steps. */
export interface RecordedInterval {
  /** End of the interval, in seconds since the epoch. */
  atSec: number;
  window: TargetWindow;
}

/**
 * A target's recorded traffic, interval by interval: the same raw sums the prometheus
 * source reads during a run, at every step of the range, turned into differences.
 */
export async function recordedIntervals(options: {
  url: string;
  selector: string;
  mapping: MetricMapping;
  excludeRoutes: string[];
  startSec: number;
  endSec: number;
  stepSec: number;
  timeoutMs: number;
}): Promise<RecordedInterval[]> {
  const { mapping } = options;
  const q = promqlQueries(mapping, options.selector, options.excludeRoutes);
  const range = { startSec: options.startSec, endSec: options.endSec, stepSec: options.stepSec };
  const [requests, buckets] = await Promise.all([
    rangeQuery(options.url, q.requests, range, options.timeoutMs),
    rangeQuery(options.url, q.buckets, range, options.timeoutMs),
  ]);
  const times = new Set<number>();
  for (const s of [...requests, ...buckets]) for (const [t] of s.values) times.add(t);
  const byTime = (s: { values: Array<[number, number]> }) => new Map(s.values);
  const requestValues = requests.map((s) => ({ metric: s.metric, at: byTime(s) }));
  const bucketValues = buckets.map((s) => ({ metric: s.metric, at: byTime(s) }));
  const cumulative = [...times].sort((a, b) => a - b).map((t) => ({ t, window: at(t) }));

  function at(t: number): TargetWindow {
    const valuesAt = (series: typeof requestValues) =>
      series.flatMap((s) => {
        const value = s.at.get(t);
        return value === undefined ? [] : [{ metric: s.metric, value }];
      });
    return windowFromSums(valuesAt(requestValues), valuesAt(bucketValues), mapping);
  }

  return cumulative.slice(1).map((point, i) => ({
    atSec: point.t,
    window: subtractWindows(point.window, cumulative[i]!.window),
  }));
}
