import type { IntervalSample } from '../windows/look-windows.js';
import type { TargetWindow } from '../windows/target-window.js';

/** prom-client's default buckets, in seconds. */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

/** A side's interval: `n` requests, `errors` failed, latencies spread as `shares` of BUCKETS. */
export function side(
  n: number,
  errors: number,
  shares: Partial<Record<number, number>> = { 0.05: 0.6, 0.1: 0.4 },
  routes?: TargetWindow['routes'],
): TargetWindow {
  const latency = BUCKETS.map((le) => ({ le, count: Math.round(n * (shares[le] ?? 0)) }));
  const counted = latency.reduce((s, b) => s + b.count, 0);
  latency[0]!.count += n - counted;
  return { requests: n, errors, latency, ...(routes ? { routes } : {}) };
}

/** `count` intervals of `sec` seconds, built by `make(index)` (0-based). */
export function run(
  count: number,
  make: (i: number) => { canary: TargetWindow; baseline?: TargetWindow },
  sec = 5,
): IntervalSample[] {
  return Array.from({ length: count }, (_, i) => ({
    fromSec: i * sec,
    toSec: (i + 1) * sec,
    ...make(i),
  }));
}
