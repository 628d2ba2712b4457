import type { AnalysisConfig, ThresholdsConfig } from '../config/config-types.js';
import {
  countSlowerThan,
  errorRate,
  histogramQuantile,
  type TargetWindow,
} from '../metrics/target-window.js';
import { binomialUpperTail } from './binomial.js';
import type { CheckResult, QueryValue, WindowJudgement } from './check-types.js';
import { compareErrorRates, compareLatency } from './compare-baseline.js';
import { fmtP, ms, pct } from './format.js';
import { judgeQuery } from './judge-query.js';

export interface JudgeInput {
  canary: TargetWindow;
  /** The baseline's window; without it only absolute limits apply. */
  baseline?: TargetWindow;
  thresholds: ThresholdsConfig;
  analysis: AnalysisConfig;
  /** Significance of each baseline comparison (the run's budget split over its comparisons). */
  comparisonAlpha: number;
  queries?: QueryValue[];
}

/**
 * Judges one window: absolute limits on the canary (error rate, p99) as one-sided binomial
 * tests, then canary against baseline with Mann-Whitney U, then the user's queries. A
 * window with fewer than `minSamples` requests is `insufficient`, never a failure.
 */
export function judgeWindow(input: JudgeInput): WindowJudgement {
  const { canary, thresholds, analysis } = input;
  const checks: CheckResult[] = [];
  const enough = canary.requests >= analysis.minSamples;
  checks.push(enough ? absoluteErrorRate(input) : insufficient('error-rate', canary, analysis));
  checks.push(enough ? absoluteP99(input) : insufficient('p99', canary, analysis));
  const baseline = input.baseline;
  if (baseline) {
    const both = enough && baseline.requests >= analysis.minSamples;
    checks.push(
      both
        ? compareErrorRates(canary, baseline, thresholds, input.comparisonAlpha)
        : insufficient('error-rate-vs-baseline', canary, analysis, baseline),
      both
        ? compareLatency(canary, baseline, thresholds, input.comparisonAlpha)
        : insufficient('latency-vs-baseline', canary, analysis, baseline),
    );
  }
  for (const query of input.queries ?? []) checks.push(judgeQuery(query));
  const failed = checks.find((c) => c.status === 'fail');
  if (failed) return { status: 'fail', reason: failed.detail, checks };
  const lacking = checks.find(
    (c) => c.status === 'insufficient' && (c.name.startsWith('query:') || !enough),
  );
  if (lacking) return { status: 'insufficient', reason: lacking.detail, checks };
  return { status: 'pass', checks };
}

function absoluteErrorRate({ canary, thresholds, analysis }: JudgeInput): CheckResult {
  const rate = errorRate(canary) ?? 0;
  const pValue = binomialUpperTail(canary.errors, canary.requests, thresholds.maxErrorRate);
  const fail = rate > thresholds.maxErrorRate && pValue < analysis.absoluteAlpha;
  return {
    name: 'error-rate',
    status: fail ? 'fail' : 'pass',
    canary: rate,
    limit: thresholds.maxErrorRate,
    pValue,
    alpha: analysis.absoluteAlpha,
    test: 'binomial',
    samples: { canary: canary.requests },
    detail: `error rate ${pct(rate)} (${canary.errors}/${canary.requests}) ${fail ? 'above' : 'within'} the limit ${pct(thresholds.maxErrorRate)} (p=${fmtP(pValue)})`,
  };
}

function absoluteP99({ canary, thresholds, analysis }: JudgeInput): CheckResult {
  const p99Sec = histogramQuantile(0.99, canary.latency);
  const p99 = p99Sec === null ? null : p99Sec * 1000;
  // p99 above the limit <=> more than 1 % of requests slower than the limit.
  const slow = countSlowerThan(thresholds.maxP99Ms / 1000, canary.latency);
  const n = canary.latency.reduce((sum, b) => sum + b.count, 0);
  const pValue = binomialUpperTail(slow, n, 0.01);
  const fail = p99 !== null && p99 > thresholds.maxP99Ms && pValue < analysis.absoluteAlpha;
  return {
    name: 'p99',
    status: fail ? 'fail' : 'pass',
    canary: p99,
    limit: thresholds.maxP99Ms,
    pValue,
    alpha: analysis.absoluteAlpha,
    test: 'binomial',
    samples: { canary: n },
    detail: `p99 latency ${ms(p99)} ${fail ? 'above' : 'within'} the limit ${ms(thresholds.maxP99Ms)} (${slow}/${n} slower, p=${fmtP(pValue)})`,
  };
}

function insufficient(
  name: string,
  canary: TargetWindow,
  analysis: AnalysisConfig,
  baseline?: TargetWindow,
): CheckResult {
  const counts = baseline
    ? `canary ${canary.requests}, baseline ${baseline.requests} requests`
    : `${canary.requests} requests`;
  return {
    name,
    status: 'insufficient',
    canary: null,
    samples: baseline
      ? { canary: canary.requests, baseline: baseline.requests }
      : { canary: canary.requests },
    detail: `insufficient data for ${name}: ${counts}, need ${analysis.minSamples} each`,
  };
}
