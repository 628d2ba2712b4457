import type { CheckResult } from '../check-types.js';
import { mannWhitneyGreater, type WeightedValue } from '../stats/mann-whitney.js';
import type { LatencyBucket } from '../windows/target-window.js';
import { histogramCount, histogramQuantile } from '../windows/window-math.js';
import { fmtP, ms, span } from './format.js';
import { bounds, type CheckContext, type JudgedWindow } from './judged-window.js';
import { toMs } from './p99-limit.js';

/**
 * Is the canary slower as a whole? One-sided Mann-Whitney U on the histogram buckets (the
 * requests of the warm-up are not in the window), failing when it is significant AND the
 * median moved beyond the tolerance: both relative and at least `minLatencyIncreaseMs`. The
 * median, not the p99, carries the effect: interpolated inside wide buckets a p99 hardly
 * moves when every request is 50 % slower.
 */
export function latencyLocationCheck(window: JudgedWindow, ctx: CheckContext): CheckResult {
  return compareLatency(
    'latency-vs-baseline',
    'median latency',
    window.canary.latency,
    window.baseline!.latency,
    window,
    ctx,
    ctx.alphas.comparison,
    ctx.policy.minSamples,
  );
}

/** The comparison itself, shared with the per-route check. */
export function compareLatency(
  name: string,
  what: string,
  canary: readonly LatencyBucket[],
  baseline: readonly LatencyBucket[],
  window: JudgedWindow,
  ctx: CheckContext,
  alpha: number,
  min: number,
): CheckResult {
  const { maxLatencyIncrease, minLatencyIncreaseMs } = ctx.policy.thresholds;
  const nc = histogramCount(canary);
  const nb = histogramCount(baseline);
  const base = {
    name,
    test: 'mann-whitney' as const,
    samples: { canary: nc, baseline: nb },
    window: bounds(window),
  };
  if (nc < min || nb < min) {
    return {
      ...base,
      status: 'insufficient',
      canary: null,
      detail: `insufficient data for the ${what} against the baseline ${span(window)}: canary ${nc}, baseline ${nb} timed requests, need ${min} each`,
    };
  }
  const test = mannWhitneyGreater(bucketValues(canary), bucketValues(baseline));
  const c = toMs(histogramQuantile(0.5, canary))!;
  const b = toMs(histogramQuantile(0.5, baseline))!;
  const limit = Math.max(b * (1 + maxLatencyIncrease), b + minLatencyIncreaseMs);
  const exceeds = c > limit;
  const fail = exceeds && test.pValue < alpha;
  return {
    ...base,
    status: fail ? 'fail' : 'pass',
    exceeds,
    canary: c,
    baseline: b,
    limit,
    pValue: test.pValue,
    alpha,
    detail: `${what} ${ms(c)} vs baseline ${ms(b)} ${span(window)}: ${fail ? 'slower' : 'not slower'} than the tolerated ${ms(limit)} (+${Math.round(maxLatencyIncrease * 100)}%, at least +${minLatencyIncreaseMs} ms; Mann-Whitney p=${fmtP(test.pValue)}, alpha ${fmtP(alpha)})`,
  };
}

function bucketValues(latency: readonly LatencyBucket[]): WeightedValue[] {
  // A bucket's upper bound stands for every request in it; +Inf sorts above all of them.
  return latency.map((b) => ({
    value: Number.isFinite(b.le) ? b.le : Number.MAX_VALUE,
    count: b.count,
  }));
}
