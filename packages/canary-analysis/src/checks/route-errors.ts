import type { CheckResult } from '../check-types.js';
import { compareErrorCounts } from './error-vs-baseline.js';
import type { CheckContext, JudgedWindow } from './judged-window.js';

/**
 * Each route that carries enough traffic on both sides, compared on its own: a route with a
 * tenth of the traffic failing half its requests can hide in the sum of the others. The
 * routes share one comparison's budget.
 */
export function routeChecks(window: JudgedWindow, ctx: CheckContext): CheckResult[] {
  const canary = window.canary.routes ?? {};
  const baseline = window.baseline?.routes ?? {};
  const min = ctx.policy.minRouteSamples;
  const routes = Object.keys(canary)
    .filter((r) => baseline[r] && canary[r]!.requests >= min && baseline[r]!.requests >= min)
    .sort();
  if (routes.length < 2) return [];
  const alpha = ctx.alphas.comparison / routes.length;
  return routes.map((route) =>
    compareErrorCounts(
      `route:${route}`,
      `error rate of ${route}`,
      canary[route]!,
      baseline[route]!,
      window,
      ctx,
      alpha,
      min,
    ),
  );
}
