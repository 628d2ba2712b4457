import { CanaryError } from '../canary-error.js';
import { httpRequest } from '../probes/http-get.js';

/** One series of an instant-query answer. */
export interface PromSeries {
  metric: Record<string, string>;
  value: number;
}

/** The templates the prometheus source fills for each target: same figures as a scrape. */
export const PROMQL_TEMPLATES = {
  requests: 'sum(increase(http_requests_total{{{selector}}{{routes}}}[{{range}}]))',
  errors:
    'sum(increase(http_requests_total{{{selector}},status_code=~"5.."{{routes}}}[{{range}}]))',
  buckets:
    'sum by (le) (increase(http_request_duration_seconds_bucket{{{selector}}{{routes}}}[{{range}}]))',
  errorRate:
    'sum(rate(http_requests_total{{{selector}},status_code=~"5.."{{routes}}}[{{range}}])) / sum(rate(http_requests_total{{{selector}}{{routes}}}[{{range}}]))',
  p99: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{{selector}}{{routes}}}[{{range}}])))',
} as const;

/** Fills `{{selector}}`, `{{range}}` and `{{routes}}` (a `route!~` matcher, or nothing). */
export function fillTemplate(
  template: string,
  values: { selector: string; rangeSec: number; excludeRoutes: string[] },
): string {
  const routes = values.excludeRoutes.length
    ? `,route!~"${values.excludeRoutes.map(escapeRegex).join('|')}"`
    : '';
  return template
    .replaceAll('{{selector}}', values.selector)
    .replaceAll('{{range}}', `${Math.max(1, Math.round(values.rangeSec))}s`)
    .replaceAll('{{routes}}', routes);
}

function escapeRegex(text: string): string {
  // PromQL strings take Go escapes, so a regex backslash is written twice.
  return text.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\\\${c}`);
}

/**
 * Runs one instant query over the Prometheus HTTP API. A server error or a non-vector answer
 * is an E_METRICS error; NaN values are kept as NaN for the caller to treat explicitly.
 */
export async function instantQuery(
  baseUrl: string,
  query: string,
  timeoutMs: number,
): Promise<PromSeries[]> {
  const url = new URL('/api/v1/query', baseUrl);
  url.searchParams.set('query', query);
  const answer = await httpRequest(url.href, { timeoutMs });
  let body: { status?: string; error?: string; data?: { resultType?: string; result?: unknown } } =
    {};
  try {
    body = JSON.parse(answer.body);
  } catch {
    // Judged below: no status means this is not a Prometheus API.
  }
  if (body?.status !== 'success' && body?.status !== 'error') {
    throw new CanaryError(
      'E_METRICS',
      `Prometheus answered ${answer.status} without a query result for ${query}; check metrics.url`,
    );
  }
  if (body.status !== 'success') {
    throw new CanaryError(
      'E_METRICS',
      `Prometheus rejected ${query}: ${body.error ?? `status ${answer.status}`}`,
    );
  }
  const data = body.data ?? {};
  if (data.resultType === 'scalar') {
    const [, v] = data.result as [number, string];
    return [{ metric: {}, value: Number(v) }];
  }
  if (data.resultType !== 'vector' || !Array.isArray(data.result)) {
    throw new CanaryError(
      'E_METRICS',
      `Prometheus answered a ${data.resultType} for ${query}; expected an instant vector`,
    );
  }
  return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map(
    (s) => ({
      metric: s.metric,
      value: s.value[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.value[1]),
    }),
  );
}
