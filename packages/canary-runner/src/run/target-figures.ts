import { errorRate, histogramQuantile, type TargetWindow } from '@n1v1/canary-analysis';
import type { TargetFigures } from './report-types.js';

/** What a look shows of one target's window: its counts, error rate and p99 in ms. */
export function figuresOf(window: TargetWindow | null | undefined): TargetFigures | null {
  if (!window) return null;
  const p99 = histogramQuantile(0.99, window.latency);
  return {
    requests: window.requests,
    errors: window.errors,
    errorRate: errorRate(window),
    p99Ms: p99 === null ? null : p99 * 1000,
  };
}
