import type { CheckResult } from '../check-types.js';
import { conditionalBinomialP, deflate } from '../stats/conditional-binomial.js';
import { countAboveBound, histogramCount, histogramQuantile } from '../windows/window-math.js';
import { fmtP, ms, pct, span } from './format.js';
import { bounds, type CheckContext, type JudgedWindow } from './judged-window.js';
import { toMs } from './p99-limit.js';

/**
 * Does a slice of the canary's requests get slow? The share of requests above the
 * baseline's p99 bucket bound, canary against baseline, by the exact conditional test: a
 * location test cannot see 2 % of requests 400 ms slower, this one does. Fails when the
 * share grew beyond `maxTailShareIncrease` and the canary's p99 beyond the p99 tolerance.
 */
export function latencyTailCheck(window: JudgedWindow, ctx: CheckContext): CheckResult {
  const canary = window.canary.latency;
  const baseline = window.baseline!.latency;
  const t = ctx.policy.thresholds;
  const phi = ctx.tailDispersion;
  const nc = histogramCount(canary);
  const nb = histogramCount(baseline);
  const bound = ctx.tailBoundSec;
  const base = {
    name: 'tail-vs-baseline',
    test: 'tail-share' as const,
    samples: { canary: nc, baseline: nb },
    dispersion: phi,
    window: bounds(window),
  };
  const min = ctx.policy.minSamples;
  if (
    bound === null ||
    !Number.isFinite(bound) ||
    deflate(nc, phi) < min ||
    deflate(nb, phi) < min
  ) {
    return {
      ...base,
      status: 'insufficient',
      canary: null,
      detail: `insufficient data for the latency tail ${span(window)}: canary ${nc}, baseline ${nb} timed requests${bound === null || Number.isFinite(bound) ? '' : ", the baseline's p99 is in the +Inf bucket"}`,
    };
  }
  const cs = countAboveBound(bound, canary);
  const bs = countAboveBound(bound, baseline);
  const c = cs / nc;
  const b = bs / nb;
  const pValue = conditionalBinomialP(
    deflate(cs, phi),
    deflate(nc, phi),
    deflate(bs, phi),
    deflate(nb, phi),
  );
  const cp99 = toMs(histogramQuantile(0.99, canary))!;
  const bp99 = toMs(histogramQuantile(0.99, baseline))!;
  const p99Limit = Math.max(bp99 * (1 + t.maxP99Increase), bp99 + t.minP99IncreaseMs);
  const alpha = ctx.alphas.comparison;
  const exceeds = c > b + t.maxTailShareIncrease && cp99 > p99Limit;
  const fail = exceeds && pValue < alpha;
  return {
    ...base,
    status: fail ? 'fail' : 'pass',
    exceeds,
    canary: c,
    baseline: b,
    limit: b + t.maxTailShareIncrease,
    pValue,
    alpha,
    detail: `${pct(c)} of requests slower than ${ms(bound * 1000)} vs baseline ${pct(b)} ${span(window)}, p99 ${ms(cp99)} vs ${ms(bp99)}: ${fail ? 'a slower tail' : 'no slower tail'} than the tolerated +${pct(t.maxTailShareIncrease)} and ${ms(p99Limit)} (exact conditional p=${fmtP(pValue)}, alpha ${fmtP(alpha)})`,
  };
}
