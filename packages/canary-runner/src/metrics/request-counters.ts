import type { MetricSample } from './prometheus-text.js';
import type { LatencyBucket, TargetWindow } from './target-window.js';

/**
 * The cumulative request counters of one scrape, keyed by series, with probe routes left
 * out. Two of them make a window: see `windowBetween`.
 */
export interface CounterSnapshot {
  requests: Map<string, { value: number; error: boolean }>;
  /** Cumulative bucket counts, keyed by series (labels without `le`) and `le`. */
  buckets: Map<string, { le: number; value: number }>;
}

export function snapshotCounters(
  samples: MetricSample[],
  excludeRoutes: string[],
): CounterSnapshot {
  const excluded = new Set(excludeRoutes);
  const snapshot: CounterSnapshot = { requests: new Map(), buckets: new Map() };
  for (const sample of samples) {
    if (excluded.has(sample.labels.route ?? '')) continue;
    if (sample.name === 'http_requests_total') {
      const status = Number(sample.labels.status_code);
      snapshot.requests.set(seriesKey(sample.labels), {
        value: sample.value,
        error: status >= 500,
      });
    } else if (sample.name === 'http_request_duration_seconds_bucket') {
      const le = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
      if (Number.isNaN(le)) continue;
      snapshot.buckets.set(seriesKey(sample.labels), { le, value: sample.value });
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
  for (const [key, now] of after.requests) {
    const delta = increase(before.requests.get(key)?.value, now.value);
    requests += delta;
    if (now.error) errors += delta;
  }
  const cumulative = new Map<number, number>();
  for (const [key, now] of after.buckets) {
    const delta = increase(before.buckets.get(key)?.value, now.value);
    cumulative.set(now.le, (cumulative.get(now.le) ?? 0) + delta);
  }
  return { requests, errors, latency: fromCumulative(cumulative) };
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
