import type { CheckResult } from '../check-types.js';
import type { RouteCounts } from '../windows/target-window.js';
import { compareErrorCounts } from './error-vs-baseline.js';
import type { CheckContext, JudgedWindow } from './judged-window.js';
import { compareLatency } from './latency-location.js';

/**
 * Each route that carries enough traffic on both sides, compared on its own: a route with a
 * tenth of the traffic failing half its requests can hide in the sum of the others, and so
 * can a route whose median got 50 % slower. The routes share one comparison's budget: half
 * for their errors and half for their latency when the histogram has routes, all for the
 * errors when it has none.
 */
export function routeChecks(window: JudgedWindow, ctx: CheckContext): CheckResult[] {
  const min = ctx.policy.minRouteSamples;
  const routes = comparedRoutes(window, min, (c) => c.requests);
  if (routes.length < 2) return [];
  const alpha = ctx.alphas.comparison / routes.length / latencyShare(window);
  return routes.map(([route, canary, baseline]) =>
    compareErrorCounts(
      `route:${route}`,
      `error rate of ${route}`,
      canary,
      baseline,
      window,
      ctx,
      alpha,
      min,
    ),
  );
}

/** The median latency of each route with enough timed requests on both sides (after the warm-up). */
export function routeLatencyChecks(window: JudgedWindow, ctx: CheckContext): CheckResult[] {
  const min = ctx.policy.minRouteSamples;
  const routes = comparedRoutes(window, min, timedCount);
  if (routes.length < 2) return [];
  const alpha = ctx.alphas.comparison / routes.length / 2;
  return routes.map(([route, canary, baseline]) =>
    compareLatency(
      `route-latency:${route}`,
      `median latency of ${route}`,
      canary.latency!,
      baseline.latency!,
      window,
      ctx,
      alpha,
      min,
    ),
  );
}

function comparedRoutes(
  window: JudgedWindow,
  min: number,
  size: (counts: RouteCounts) => number,
): Array<[string, RouteCounts, RouteCounts]> {
  const canary = window.canary.routes ?? {};
  const baseline = window.baseline?.routes ?? {};
  return Object.keys(canary)
    .filter((r) => baseline[r] && size(canary[r]!) >= min && size(baseline[r]!) >= min)
    .sort()
    .map((r) => [r, canary[r]!, baseline[r]!]);
}

function timedCount(counts: RouteCounts): number {
  return counts.latency ? counts.latency.reduce((s, b) => s + b.count, 0) : 0;
}

/** 2 when the routes carry latency (their budget is split), 1 otherwise. */
function latencyShare(window: JudgedWindow): number {
  return Object.values(window.canary.routes ?? {}).some((c) => c.latency) ? 2 : 1;
}
