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

/** Records one answered request into the HTTP metrics. */
export type RequestRecorder = (
  method: string | undefined,
  route: string | undefined,
  statusCode: number,
  seconds: number,
) => void;

/**
 * Bounds every label: methods to the standard ones (else `OTHER`), routes to a capped set of
 * templates, status codes to 100..599. A request allocates nothing here.
 */
export function createRequestRecorder(
  metrics: HealthMetrics,
  maxRouteLabels: number,
): RequestRecorder {
  const routes = new LabelCap(maxRouteLabels, OTHER_ROUTE);
  const { http } = metrics;
  return (method, route, statusCode, seconds) => {
    const m = method !== undefined && METHODS.has(method) ? method : 'OTHER';
    const r = route === undefined ? UNMATCHED_ROUTE : routes.value(route);
    const s = statusCode >= 100 && statusCode <= 599 ? statusCode : 0;
    http.observe(http.entry(m, r, s), seconds);
  };
}
