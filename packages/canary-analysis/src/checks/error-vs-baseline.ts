import type { CheckResult } from '../check-types.js';
import { conditionalBinomialP, deflate } from '../stats/conditional-binomial.js';
import type { TargetWindow } from '../windows/target-window.js';
import { fmtP, pct, span } from './format.js';
import { bounds, type CheckContext, errorPhi, type JudgedWindow } from './judged-window.js';

/**
 * The canary's error rate against the baseline's in the same window: the exact conditional
 * test (the canary's share of all errors given its share of the traffic) on counts divided
 * by the baseline's overdispersion. Fails only when the difference is both significant and
 * larger than the tolerated increase.
 */
export function errorVsBaselineCheck(window: JudgedWindow, ctx: CheckContext): CheckResult {
  return compareErrorCounts(
    'error-rate-vs-baseline',
    'error rate',
    window.canary,
    window.baseline!,
    window,
    ctx,
    ctx.alphas.comparison,
    ctx.policy.minSamples,
  );
}

/** The comparison itself, shared with the per-route check. */
export function compareErrorCounts(
  name: string,
  what: string,
  canary: Pick<TargetWindow, 'requests' | 'errors'>,
  baseline: Pick<TargetWindow, 'requests' | 'errors'>,
  window: JudgedWindow,
  ctx: CheckContext,
  alpha: number,
  minSamples: number,
): CheckResult {
  const phi = errorPhi(window, ctx);
  const tolerated = ctx.policy.thresholds.maxErrorRateIncrease;
  const cn = deflate(canary.requests, phi);
  const bn = deflate(baseline.requests, phi);
  const base = {
    name,
    test: 'conditional-binomial' as const,
    samples: { canary: canary.requests, baseline: baseline.requests },
    dispersion: phi,
    window: bounds(window),
  };
  if (cn < minSamples || bn < minSamples) {
    return {
      ...base,
      status: 'insufficient',
      canary: null,
      detail: `insufficient data for the ${what} against the baseline ${span(window)}: canary ${canary.requests}, baseline ${baseline.requests} requests, need ${minSamples} each`,
    };
  }
  const c = canary.errors / canary.requests;
  const b = baseline.errors / baseline.requests;
  const pValue = conditionalBinomialP(
    deflate(canary.errors, phi),
    cn,
    deflate(baseline.errors, phi),
    bn,
  );
  const limit = b + tolerated;
  const exceeds = c > limit;
  const fail = exceeds && pValue < alpha;
  return {
    ...base,
    status: fail ? 'fail' : 'pass',
    exceeds,
    canary: c,
    baseline: b,
    limit,
    pValue,
    alpha,
    detail: `${what} ${pct(c)} (${canary.errors}/${canary.requests}) vs baseline ${pct(b)} (${baseline.errors}/${baseline.requests}) ${span(window)}: ${fail ? 'worse' : 'not worse'} than the tolerated +${pct(tolerated)} (exact conditional p=${fmtP(pValue)}, alpha ${fmtP(alpha)}${phi > 1 ? `, dispersion ${phi.toFixed(1)}` : ''})`,
  };
}
