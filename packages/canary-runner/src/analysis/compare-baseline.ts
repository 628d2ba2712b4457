import type { ThresholdsConfig } from '../config/config-types.js';
import { errorRate, histogramQuantile, type TargetWindow } from '../metrics/target-window.js';
import type { CheckResult } from './check-types.js';
import { fmtP, ms, pct } from './format.js';
import { mannWhitneyGreater, type WeightedValue } from './mann-whitney.js';

/**
 * Canary error rate against the baseline's: Mann-Whitney U on the 0/1 "was an error" of each
 * request (all ties, hence the tie correction). It fails only when the difference is both
 * significant and larger than the tolerated increase, so a huge sample cannot fail a
 * canary for a difference nobody cares about.
 */
export function compareErrorRates(
  canary: TargetWindow,
  baseline: TargetWindow,
  thresholds: ThresholdsConfig,
  alpha: number,
): CheckResult {
  const test = mannWhitneyGreater(errorValues(canary), errorValues(baseline));
  const c = errorRate(canary) ?? 0;
  const b = errorRate(baseline) ?? 0;
  const limit = b + thresholds.maxErrorRateIncrease;
  const fail = test.pValue < alpha && c > limit;
  return {
    name: 'error-rate-vs-baseline',
    status: fail ? 'fail' : 'pass',
    canary: c,
    baseline: b,
    limit,
    pValue: test.pValue,
    alpha,
    test: 'mann-whitney',
    samples: { canary: canary.requests, baseline: baseline.requests },
    detail: `error rate ${pct(c)} vs baseline ${pct(b)}: ${fail ? 'worse' : 'not worse'} than the tolerated +${pct(thresholds.maxErrorRateIncrease)} (Mann-Whitney p=${fmtP(test.pValue)}, alpha ${fmtP(alpha)})`,
  };
}

/**
 * Canary latency against the baseline's: Mann-Whitney U on the histogram buckets, failing
 * when the canary is significantly slower and its p99 beyond the tolerated increase: both
 * relative and at least `minP99IncreaseMs`, since a fresh process a few ms slower than a
 * warm one is not a regression.
 */
export function compareLatency(
  canary: TargetWindow,
  baseline: TargetWindow,
  thresholds: ThresholdsConfig,
  alpha: number,
): CheckResult {
  const test = mannWhitneyGreater(bucketValues(canary), bucketValues(baseline));
  const c = toMs(histogramQuantile(0.99, canary.latency));
  const b = toMs(histogramQuantile(0.99, baseline.latency));
  const limit =
    b === null
      ? null
      : Math.max(b * (1 + thresholds.maxP99Increase), b + thresholds.minP99IncreaseMs);
  const fail = test.pValue < alpha && c !== null && limit !== null && c > limit;
  return {
    name: 'latency-vs-baseline',
    status: fail ? 'fail' : 'pass',
    canary: c,
    baseline: b,
    ...(limit === null ? {} : { limit }),
    pValue: test.pValue,
    alpha,
    test: 'mann-whitney',
    samples: { canary: total(canary), baseline: total(baseline) },
    detail: `p99 latency ${ms(c)} vs baseline ${ms(b)}: ${fail ? 'slower' : 'not slower'} than the tolerated ${ms(limit)} (+${Math.round(thresholds.maxP99Increase * 100)}%, at least +${thresholds.minP99IncreaseMs} ms; Mann-Whitney p=${fmtP(test.pValue)}, alpha ${fmtP(alpha)})`,
  };
}

function errorValues(window: TargetWindow): WeightedValue[] {
  return [
    { value: 0, count: window.requests - window.errors },
    { value: 1, count: window.errors },
  ];
}

function bucketValues(window: TargetWindow): WeightedValue[] {
  // A bucket's upper bound stands for every request in it; +Inf sorts above all of them.
  return window.latency.map((b) => ({
    value: Number.isFinite(b.le) ? b.le : Number.MAX_VALUE,
    count: b.count,
  }));
}

function total(window: TargetWindow): number {
  return window.latency.reduce((sum, b) => sum + b.count, 0);
}

function toMs(seconds: number | null): number | null {
  return seconds === null ? null : seconds * 1000;
}
