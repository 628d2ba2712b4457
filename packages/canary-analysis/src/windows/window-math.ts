import type { LatencyBucket, RouteCounts, TargetWindow } from './target-window.js';

/** Adds windows up (the cumulative view of a run). */
export function sumWindows(windows: readonly TargetWindow[]): TargetWindow {
  const routes = new Map<string, RouteCounts[]>();
  let requests = 0;
  let errors = 0;
  for (const w of windows) {
    requests += w.requests;
    errors += w.errors;
    for (const [route, counts] of Object.entries(w.routes ?? {}))
      routes.set(route, [...(routes.get(route) ?? []), counts]);
  }
  const summed = [...routes].map(([route, all]) => {
    const latencies = all.flatMap((c) => (c.latency ? [c.latency] : []));
    const counts: RouteCounts = {
      requests: all.reduce((s, c) => s + c.requests, 0),
      errors: all.reduce((s, c) => s + c.errors, 0),
      ...(latencies.length ? { latency: sumHistograms(latencies) } : {}),
    };
    return [route, counts] as const;
  });
  return {
    requests,
    errors,
    latency: sumHistograms(windows.map((w) => w.latency)),
    ...(summed.length ? { routes: Object.fromEntries(summed) } : {}),
  };
}

function sumHistograms(histograms: ReadonlyArray<readonly LatencyBucket[]>): LatencyBucket[] {
  const buckets = new Map<number, number>();
  for (const latency of histograms)
    for (const b of latency) buckets.set(b.le, (buckets.get(b.le) ?? 0) + b.count);
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([le, count]) => ({ le, count }));
}

/**
 * `after - before` of two cumulative windows (a source that only gives totals since the
 * start, like Prometheus' `increase()`): what happened in between. Extrapolated totals can
 * shrink a little between two reads; a negative difference is nothing, not a negative count.
 */
export function subtractWindows(after: TargetWindow, before: TargetWindow): TargetWindow {
  const routes = Object.entries(after.routes ?? {}).map(([route, c]) => {
    const b = before.routes?.[route];
    return [route, diffCounts(c, b ?? { requests: 0, errors: 0 })] as const;
  });
  return {
    requests: Math.max(0, after.requests - before.requests),
    errors: Math.max(0, Math.min(after.errors - before.errors, after.requests - before.requests)),
    latency: diffHistograms(after.latency, before.latency),
    ...(routes.length ? { routes: Object.fromEntries(routes) } : {}),
  };
}

function diffCounts(after: RouteCounts, before: RouteCounts): RouteCounts {
  const requests = Math.max(0, after.requests - before.requests);
  return {
    requests,
    errors: Math.max(0, Math.min(requests, after.errors - before.errors)),
    ...(after.latency ? { latency: diffHistograms(after.latency, before.latency ?? []) } : {}),
  };
}

function diffHistograms(
  after: readonly LatencyBucket[],
  before: readonly LatencyBucket[],
): LatencyBucket[] {
  const earlier = new Map(before.map((b) => [b.le, b.count]));
  return after.map((b) => ({ le: b.le, count: Math.max(0, b.count - (earlier.get(b.le) ?? 0)) }));
}

/** Error rate, or null without requests. */
export function errorRate(window: TargetWindow): number | null {
  return window.requests > 0 ? window.errors / window.requests : null;
}

/** Observations in a histogram. */
export function histogramCount(latency: readonly LatencyBucket[]): number {
  return latency.reduce((sum, b) => sum + b.count, 0);
}

/**
 * Quantile of a bucketed histogram in seconds, interpolated linearly inside the bucket as
 * Prometheus' `histogram_quantile` does; a rank in the `+Inf` bucket gives the highest finite
 * bound. Null without observations.
 */
export function histogramQuantile(q: number, latency: readonly LatencyBucket[]): number | null {
  const total = histogramCount(latency);
  if (total <= 0) return null;
  const rank = q * total;
  let below = 0;
  let lower = 0;
  for (const bucket of latency) {
    if (below + bucket.count >= rank && bucket.count > 0) {
      if (!Number.isFinite(bucket.le)) return lower;
      return lower + (bucket.le - lower) * ((rank - below) / bucket.count);
    }
    below += bucket.count;
    if (Number.isFinite(bucket.le)) lower = bucket.le;
  }
  return lower;
}

/**
 * Requests slower than `limitSec`, assuming durations spread evenly inside a bucket (the
 * same assumption as `histogramQuantile`, so the count and the quantile agree).
 */
export function countSlowerThan(limitSec: number, latency: readonly LatencyBucket[]): number {
  let lower = 0;
  let slow = 0;
  for (const bucket of latency) {
    if (lower >= limitSec) slow += bucket.count;
    else if (bucket.le > limitSec && Number.isFinite(bucket.le)) {
      slow += bucket.count * ((bucket.le - limitSec) / (bucket.le - lower));
    } else if (!Number.isFinite(bucket.le)) slow += bucket.count;
    if (Number.isFinite(bucket.le)) lower = bucket.le;
  }
  return Math.floor(slow);
}

/** Requests in buckets strictly above the bound `le` (exact: no interpolation). */
export function countAboveBound(le: number, latency: readonly LatencyBucket[]): number {
  return latency.filter((b) => b.le > le).reduce((sum, b) => sum + b.count, 0);
}

/**
 * The smallest bucket bound at or above the `q` quantile: the share of requests above it is
 * at most 1 - q. Infinity when the quantile falls in the `+Inf` bucket; null without data.
 */
export function quantileBound(q: number, latency: readonly LatencyBucket[]): number | null {
  const total = histogramCount(latency);
  if (total <= 0) return null;
  let cumulative = 0;
  for (const bucket of latency) {
    cumulative += bucket.count;
    if (cumulative >= q * total) return bucket.le;
  }
  return Number.POSITIVE_INFINITY;
}
