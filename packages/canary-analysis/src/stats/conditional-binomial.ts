import { binomialUpperTail } from './binomial.js';

/**
 * Exact conditional test that the canary's rate is higher than the baseline's: given the
 * `canaryHits + baselineHits` events of both sides, the canary's count is Binomial(total,
 * share) under equal rates, where `share` is its part of the traffic. Exact for rare events
 * and unequal traffic splits, where the normal approximation is far too eager.
 * Returns the one-sided p-value P(X >= canaryHits).
 */
export function conditionalBinomialP(
  canaryHits: number,
  canaryTrials: number,
  baselineHits: number,
  baselineTrials: number,
): number {
  const trials = canaryTrials + baselineTrials;
  if (canaryTrials <= 0 || baselineTrials <= 0) return 1;
  const share = canaryTrials / trials;
  return binomialUpperTail(canaryHits, canaryHits + baselineHits, share);
}

/**
 * Counts scaled down by the overdispersion factor: n correlated requests carry the
 * information of n / phi independent ones. Rounded so that the exact tests stay exact.
 */
export function deflate(count: number, phi: number): number {
  return phi <= 1 ? count : Math.round(count / phi);
}
