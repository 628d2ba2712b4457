import type { RouteMatch } from '../../../config/config-types.js';

/** The parts of an HTTPRoute rule (gateway.networking.k8s.io/v1) the router reads and writes. */
export interface HttpRouteRule {
  matches?: Array<{
    path?: { type?: string; value?: string };
    headers?: Array<{ type?: string; name: string; value: string }>;
    [key: string]: unknown;
  }>;
  backendRefs?: Array<{ name: string; port?: number; weight?: number; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface RouteBackends {
  stableService: string;
  canaryService: string;
  port: number;
}

/**
 * The route's rules with the canary at `weightPercent`: every rule that sends to the stable
 * Service gets both backends, weighted 100 - w and w (other rules are left alone); a header
 * match becomes one rule in front that sends only matching requests to the canary, copied
 * from the first such rule's path matches. Without a match that rule is removed.
 */
export function weightedRules(
  rules: HttpRouteRule[],
  backends: RouteBackends,
  weightPercent: number,
  match?: RouteMatch,
): HttpRouteRule[] {
  const { stableService, canaryService, port } = backends;
  const kept = rules.filter((rule) => !isCanaryMatchRule(rule, backends));
  const weighted = kept.map((rule) => {
    if (!rule.backendRefs?.some((ref) => ref.name === stableService)) return rule;
    return {
      ...rule,
      backendRefs: [
        { name: stableService, port, weight: 100 - weightPercent },
        { name: canaryService, port, weight: weightPercent },
      ],
    };
  });
  if (!match?.header) return weighted;
  const template = kept.find((rule) => rule.backendRefs?.some((r) => r.name === stableService));
  const paths = (template?.matches ?? [{}]).map((m) => (m.path ? { path: m.path } : {}));
  const matchRule: HttpRouteRule = {
    matches: paths.map((p) => ({
      ...p,
      headers: [{ type: 'Exact', name: match.header!.name, value: match.header!.value }],
    })),
    backendRefs: [{ name: canaryService, port, weight: 1 }],
  };
  return [matchRule, ...weighted];
}

/** The canary's weight in percent as the route holds it (0 when the canary is not referenced). */
export function canaryWeightOf(rules: HttpRouteRule[], backends: RouteBackends): number | null {
  const rule = rules.find(
    (r) =>
      !isCanaryMatchRule(r, backends) &&
      r.backendRefs?.some((ref) => ref.name === backends.stableService),
  );
  if (!rule) return null;
  const weightOf = (name: string) =>
    rule.backendRefs!.filter((r) => r.name === name).reduce((sum, r) => sum + (r.weight ?? 1), 0);
  const total = weightOf(backends.stableService) + weightOf(backends.canaryService);
  return total === 0 ? 0 : Math.round((100 * weightOf(backends.canaryService)) / total);
}

/** The rule a header step added: header matches only, and the canary as its only backend. */
function isCanaryMatchRule(rule: HttpRouteRule, backends: RouteBackends): boolean {
  return (
    (rule.backendRefs?.length ?? 0) > 0 &&
    rule.backendRefs!.every((r) => r.name === backends.canaryService) &&
    (rule.matches ?? []).some((m) => (m.headers?.length ?? 0) > 0)
  );
}
