import type { LatencyBucket, RouteCounts, TargetWindow } from '@n1v1/canary-analysis';
import { boundInSeconds, classifyStatus, type MetricMapping } from './mapping/metric-mapping.js';
import type { MetricSample } from './prometheus-text.js';

/**
 * The cumulative request counters of one scrape, keyed by series, with probe routes left
 * out. Two of them make a window: see `windowBetween`.
 */
export interface CounterSnapshot {
  requests: Map<string, { value: number; error: boolean; route?: string }>;
  /** Cumulative bucket counts, keyed by series (its labels, `le` among them), with their route. */
  buckets: Map<string, { le: number; value: number; route?: string }>;
}

/**
 * The request counter and latency buckets of one scrape as the mapping names them. A
 * series whose status cannot be read counts as failed: an unknown status is never a success.
 */
export function snapshotCounters(
  samples: MetricSample[],
  mapping: MetricMapping,
  excludeRoutes: string[],
): CounterSnapshot {
  const excluded = new Set(excludeRoutes);
  const bucketName = `${mapping.latencyHistogram}_bucket`;
  const snapshot: CounterSnapshot = { requests: new Map(), buckets: new Map() };
  for (const sample of samples) {
    const route = mapping.routeLabel ? sample.labels[mapping.routeLabel] : undefined;
    if (route !== undefined && excluded.has(route)) continue;
    if (sample.name === mapping.requestCounter) {
      const status = classifyStatus(sample.labels[mapping.statusLabel], mapping);
      snapshot.requests.set(seriesKey(sample.labels), {
        value: sample.value,
        error: status !== 'success',
        ...(route === undefined ? {} : { route }),
      });
    } else if (sample.name === bucketName && sample.labels.le !== undefined) {
      const le = boundInSeconds(sample.labels.le, mapping);
      if (Number.isNaN(le)) continue;
      snapshot.buckets.set(seriesKey(sample.labels), {
        le,
        value: sample.value,
        ...(route === undefined ? {} : { route }),
      });
    }
  }
  return snapshot;
}

/**
 * What happened between two snapshots. A counter that went down was reset (the process
 * restarted), so its whole current value is new; a series that did not exist before is
 * new in full.
 */
export function windowBetween(before: CounterSnapshot, after: CounterSnapshot): TargetWindow {
  let requests = 0;
  let errors = 0;
  const routes = new Map<string, RouteCounts>();
  for (const [key, now] of after.requests) {
    const delta = increase(before.requests.get(key)?.value, now.value);
    requests += delta;
    if (now.error) errors += delta;
    if (now.route !== undefined) {
      const r = routes.get(now.route) ?? { requests: 0, errors: 0 };
      r.requests += delta;
      if (now.error) r.errors += delta;
      routes.set(now.route, r);
    }
  }
  const cumulative = new Map<number, number>();
  const byRoute = new Map<string, Map<number, number>>();
  for (const [key, now] of after.buckets) {
    const delta = increase(before.buckets.get(key)?.value, now.value);
    cumulative.set(now.le, (cumulative.get(now.le) ?? 0) + delta);
    if (now.route !== undefined) addBucket(byRoute, now.route, now.le, delta);
  }
  for (const [route, r] of routes) {
    const buckets = byRoute.get(route);
    if (buckets) r.latency = fromCumulative(buckets);
  }
  return {
    requests,
    errors,
    latency: fromCumulative(cumulative),
    ...(routes.size ? { routes: Object.fromEntries(routes) } : {}),
  };
}

/** Adds `value` to the cumulative count of `le` for `route` (summed over the other labels). */
export function addBucket(
  byRoute: Map<string, Map<number, number>>,
  route: string,
  le: number,
  value: number,
): void {
  const buckets = byRoute.get(route) ?? new Map<number, number>();
  buckets.set(le, (buckets.get(le) ?? 0) + value);
  byRoute.set(route, buckets);
}

/** Cumulative `le` counts to per-bucket counts, ascending. */
export function fromCumulative(cumulative: Map<number, number>): LatencyBucket[] {
  const les = [...cumulative.keys()].sort((a, b) => a - b);
  let previous = 0;
  return les.map((le) => {
    const total = cumulative.get(le)!;
    const count = Math.max(0, total - previous);
    previous = Math.max(previous, total);
    return { le, count };
  });
}

function increase(before: number | undefined, after: number): number {
  if (!Number.isFinite(after)) return 0;
  if (before === undefined || after < before) return after;
  return after - before;
}

function seriesKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}
