import type { CheckResult } from '../check-types.js';
import { binomialUpperTail } from '../stats/binomial.js';
import { deflate } from '../stats/conditional-binomial.js';
import { countSlowerThan, histogramCount, histogramQuantile } from '../windows/window-math.js';
import { fmtP, ms, span } from './format.js';
import { bounds, type CheckContext, type JudgedWindow } from './judged-window.js';

/**
 * The canary's p99 against the absolute limit. p99 above the limit means more than 1 % of
 * requests slower than it, so this is a binomial test of the slow share against 1 %. As for
 * the error rate, a limit the baseline breaks in the same window is the environment's.
 */
export function p99LimitCheck(window: JudgedWindow, ctx: CheckContext): CheckResult {
  const { canary, baseline } = window;
  const limitMs = ctx.policy.thresholds.maxP99Ms;
  const phi = ctx.tailDispersion;
  const total = histogramCount(canary.latency);
  const p99 = toMs(histogramQuantile(0.99, canary.latency));
  const base = {
    name: 'p99',
    canary: p99,
    limit: limitMs,
    test: 'binomial' as const,
    samples: { canary: total },
    dispersion: phi,
    window: bounds(window),
  };
  if (deflate(total, phi) < ctx.policy.minSamples) {
    return {
      ...base,
      status: 'insufficient',
      detail: `insufficient data for the p99 ${span(window)}: ${total} timed requests, need ${ctx.policy.minSamples}`,
    };
  }
  const slow = countSlowerThan(limitMs / 1000, canary.latency);
  const pValue = binomialUpperTail(deflate(slow, phi), deflate(total, phi), 0.01);
  const alpha = ctx.alphas.absolute;
  const baselineP99 = baseline ? toMs(histogramQuantile(0.99, baseline.latency)) : null;
  const shared = !(ctx.final && window.whole) && baselineP99 !== null && baselineP99 > limitMs;
  const exceeds = p99 !== null && p99 > limitMs && !shared;
  const fail = exceeds && pValue < alpha;
  return {
    ...base,
    status: fail ? 'fail' : 'pass',
    exceeds,
    pValue,
    alpha,
    detail: `p99 latency ${ms(p99)} ${fail ? 'above' : 'within'} the limit ${ms(limitMs)} ${span(window)} (${slow}/${total} slower, binomial p=${fmtP(pValue)}, alpha ${fmtP(alpha)})${shared && p99 !== null && p99 > limitMs ? `; the baseline's p99 is ${ms(baselineP99)} too` : ''}`,
  };
}

export function toMs(seconds: number | null): number | null {
  return seconds === null ? null : seconds * 1000;
}
