import type { TargetWindow } from '@n1v1/canary-analysis';
import { boundInSeconds, classifyStatus, type MetricMapping } from './mapping/metric-mapping.js';
import { addBucket, fromCumulative } from './request-counters.js';

/** One series of a `sum by (...)` answer at one moment. */
export interface SummedSeries {
  metric: Record<string, string>;
  value: number;
}

/**
 * The cumulative window that the raw sums of one target give at one moment: the request
 * counter by status (and route), the histogram by `le` (and route). A status the mapping
 * cannot read counts as failed. Shared by the prometheus source and the backtest, so that a
 * replayed run reads exactly what a live one reads.
 */
export function windowFromSums(
  requests: readonly SummedSeries[],
  buckets: readonly SummedSeries[],
  mapping: MetricMapping,
): TargetWindow {
  let total = 0;
  let errors = 0;
  const routes: NonNullable<TargetWindow['routes']> = {};
  for (const s of requests) {
    if (!Number.isFinite(s.value)) continue;
    const count = Math.round(s.value);
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
  const byRoute = new Map<string, Map<number, number>>();
  for (const s of buckets) {
    const bound = boundInSeconds(s.metric.le ?? '', mapping);
    if (Number.isNaN(bound) || !Number.isFinite(s.value)) continue;
    const count = Math.round(s.value);
    le.set(bound, (le.get(bound) ?? 0) + count);
    const route = mapping.routeLabel ? s.metric[mapping.routeLabel] : undefined;
    if (route !== undefined) addBucket(byRoute, route, bound, count);
  }
  for (const [route, r] of Object.entries(routes)) {
    const routeBuckets = byRoute.get(route);
    if (routeBuckets) r.latency = fromCumulative(routeBuckets);
  }
  return {
    requests: total,
    errors,
    latency: fromCumulative(le),
    ...(Object.keys(routes).length ? { routes } : {}),
  };
}
