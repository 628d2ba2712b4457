import type { RouteMatch } from '../../../config/config-types.js';

export const NGINX_CANARY_PREFIX = 'nginx.ingress.kubernetes.io/canary';

/**
 * The ingress-nginx canary annotations for one weight: `canary: "true"`, `canary-weight`,
 * and `canary-by-header`/`-value` or `canary-by-cookie` for a match. Keys set to null are
 * to be removed (a JSON merge patch deletes them), so a step without a match clears the
 * previous step's.
 */
export function canaryAnnotations(
  weightPercent: number,
  match?: RouteMatch,
): Record<string, string | null> {
  const key = (suffix: string) => `${NGINX_CANARY_PREFIX}-${suffix}`;
  return {
    [NGINX_CANARY_PREFIX]: 'true',
    [key('weight')]: String(weightPercent),
    [key('weight-total')]: '100',
    [key('by-header')]: match?.header?.name ?? null,
    [key('by-header-value')]: match?.header?.value ?? null,
    [key('by-cookie')]: match?.cookie?.name ?? null,
  };
}

/** The annotations with the nulls removed and the rest of the object's annotations kept. */
export function applyAnnotations(
  current: Record<string, string> | undefined,
  changes: Record<string, string | null>,
): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}
