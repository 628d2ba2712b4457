import type { HealthMetrics } from './health-metrics.js';
import { LabelCap } from './label-cap.js';

/** Route label of requests no route matched. */
export const UNMATCHED_ROUTE = '<unmatched>';
/** Route label once `maxRouteLabels` distinct routes were seen. */
export const OTHER_ROUTE = '<other>';

const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
]);

type Labels = { method: string; route: string; status_code: string };

/** Records one answered request into the HTTP metrics. */
export type RequestRecorder = (
  method: string | undefined,
  route: string | undefined,
  statusCode: number,
  seconds: number,
) => void;

/**
 * Bounds every label: methods to the standard ones (else `OTHER`), routes to a capped set of
 * templates, status codes to 100..599. Label objects are reused, so a request allocates none.
 */
export function createRequestRecorder(
  metrics: HealthMetrics,
  maxRouteLabels: number,
): RequestRecorder {
  const routes = new LabelCap(maxRouteLabels, OTHER_ROUTE);
  const labelSets = new Map<string, Labels>();
  return (method, route, statusCode, seconds) => {
    const m = method !== undefined && METHODS.has(method) ? method : 'OTHER';
    const r = route === undefined ? UNMATCHED_ROUTE : routes.value(route);
    const s = statusCode >= 100 && statusCode <= 599 ? statusCode : 0;
    const key = `${m} ${s} ${r}`;
    let labels = labelSets.get(key);
    if (labels === undefined) {
      labels = { method: m, route: r, status_code: String(s) };
      labelSets.set(key, labels);
    }
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, seconds);
  };
}
