import { subtractWindows, type TargetWindow } from '@n1v1/canary-analysis';
import {
  boundInSeconds,
  classifyStatus,
  type MetricMapping,
} from '../metrics/mapping/metric-mapping.js';
import { promqlQueries } from '../metrics/promql.js';
import { fromCumulative } from '../metrics/request-counters.js';
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
    let total = 0;
    let errors = 0;
    const routes: NonNullable<TargetWindow['routes']> = {};
    for (const s of requestValues) {
      const value = s.at.get(t);
      if (value === undefined || !Number.isFinite(value)) continue;
      const count = Math.round(value);
      const failed = classifyStatus(s.metric[mapping.statusLabel], mapping) !== 'success';
      total += count;
      if (failed) errors += count;
      const route = mapping.routeLabel ? s.metric[mapping.routeLabel] : undefined;
      if (route !== undefined) {
        const r = routes[route] ?? { requests: 0, errors: 0 };
        routes[route] = { requests: r.requests + count, errors: r.errors + (failed ? count : 0) };
      }
    }
    const le = new Map<number, number>();
    for (const s of bucketValues) {
      const value = s.at.get(t);
      const bound = boundInSeconds(s.metric.le ?? '', mapping);
      if (value !== undefined && Number.isFinite(value) && !Number.isNaN(bound))
        le.set(bound, Math.round(value));
    }
    return {
      requests: total,
      errors,
      latency: fromCumulative(le),
      ...(Object.keys(routes).length ? { routes } : {}),
    };
  }

  return cumulative.slice(1).map((point, i) => ({
    atSec: point.t,
    window: subtractWindows(point.window, cumulative[i]!.window),
  }));
}
