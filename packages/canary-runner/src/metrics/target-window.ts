/** One latency bucket: requests whose duration was at most `le` seconds and above the previous bucket. */
export interface LatencyBucket {
  /** Upper bound in seconds; `Infinity` for the `+Inf` bucket. */
  le: number;
  /** Requests in this bucket alone (not cumulative). */
  count: number;
}

/** What one target (canary or baseline) served in one window, as the analysis sees it. */
export interface TargetWindow {
  requests: number;
  /** Requests answered with status >= 500. */
  errors: number;
  /** Latency histogram of those requests, buckets ascending. */
  latency: LatencyBucket[];
}

export const EMPTY_WINDOW: TargetWindow = { requests: 0, errors: 0, latency: [] };

/** Adds windows up (the cumulative view of a run). */
export function sumWindows(windows: TargetWindow[]): TargetWindow {
  const buckets = new Map<number, number>();
  let requests = 0;
  let errors = 0;
  for (const w of windows) {
    requests += w.requests;
    errors += w.errors;
    for (const b of w.latency) buckets.set(b.le, (buckets.get(b.le) ?? 0) + b.count);
  }
  const latency = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([le, count]) => ({ le, count }));
  return { requests, errors, latency };
}

/** Error rate, or null without requests. */
export function errorRate(window: TargetWindow): number | null {
  return window.requests > 0 ? window.errors / window.requests : null;
}

/**
 * Quantile of a bucketed histogram in seconds, interpolated linearly inside the bucket as
 * Prometheus' `histogram_quantile` does; a rank in the `+Inf` bucket gives the highest finite
 * bound. Null without observations.
 */
export function histogramQuantile(q: number, latency: LatencyBucket[]): number | null {
  const total = latency.reduce((sum, b) => sum + b.count, 0);
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
export function countSlowerThan(limitSec: number, latency: LatencyBucket[]): number {
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
