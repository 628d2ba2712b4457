import type { CheckResult } from '../check-types.js';
import { binomialUpperTail } from '../stats/binomial.js';
import { deflate } from '../stats/conditional-binomial.js';
import { errorRate } from '../windows/window-math.js';
import { fmtP, pct, span } from './format.js';
import { bounds, type CheckContext, errorPhi, type JudgedWindow } from './judged-window.js';

/**
 * The canary's error rate against the absolute limit: one-sided binomial test on the
 * window's counts, divided by the overdispersion factor. While the baseline breaks the limit
 * in the same window too, the environment is at fault (a dependency hiccup hits both), and
 * the canary is held to the comparison instead; over the whole run the limit holds as is.
 */
export function errorLimitCheck(window: JudgedWindow, ctx: CheckContext): CheckResult {
  const { canary, baseline } = window;
  const limit = ctx.policy.thresholds.maxErrorRate;
  const phi = errorPhi(window, ctx);
  const n = deflate(canary.requests, phi);
  const base = {
    name: 'error-rate',
    canary: errorRate(canary),
    limit,
    test: 'binomial' as const,
    samples: { canary: canary.requests },
    dispersion: phi,
    window: bounds(window),
  };
  if (n < ctx.policy.minSamples) {
    return {
      ...base,
      status: 'insufficient',
      detail: `insufficient data for the error rate ${span(window)}: ${canary.requests} requests, need ${ctx.policy.minSamples}${phi > 1 ? ` x dispersion ${phi.toFixed(1)}` : ''}`,
    };
  }
  const rate = canary.errors / canary.requests;
  const pValue = binomialUpperTail(deflate(canary.errors, phi), n, limit);
  const alpha = ctx.alphas.absolute;
  const baselineRate = baseline ? errorRate(baseline) : null;
  const shared = !(ctx.final && window.whole) && baselineRate !== null && baselineRate > limit;
  const exceeds = rate > limit && !shared;
  const fail = exceeds && pValue < alpha;
  const verdict = fail ? 'above' : rate > limit ? 'not significantly above' : 'within';
  const why = shared && rate > limit ? `; the baseline is at ${pct(baselineRate)} too` : '';
  return {
    ...base,
    status: fail ? 'fail' : 'pass',
    exceeds,
    canary: rate,
    pValue,
    alpha,
    detail: `error rate ${pct(rate)} (${canary.errors}/${canary.requests}) ${verdict} the limit ${pct(limit)} ${span(window)} (binomial p=${fmtP(pValue)}, alpha ${fmtP(alpha)}${phi > 1 ? `, dispersion ${phi.toFixed(1)}` : ''})${why}`,
  };
}
