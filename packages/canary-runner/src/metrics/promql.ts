import { CanaryError } from '../canary-error.js';
import { httpRequest } from '../probes/http-get.js';
import type { MetricMapping } from './mapping/metric-mapping.js';
import { METRIC_PRESETS } from './mapping/presets.js';

/** One series of an instant-query answer. */
export interface PromSeries {
  metric: Record<string, string>;
  value: number;
}

/**
 * The queries the prometheus source runs for one target: the request counter by status
 * (and route), and the histogram by `le`. Raw cumulative sums, not `increase()`: two reads
 * differ by exactly what happened between them, however long the interval is against the
 * server's scrape interval.
 */
export function promqlQueries(
  mapping: MetricMapping,
  selector: string,
  excludeRoutes: string[],
): { requests: string; buckets: string } {
  const routes = routeMatcher(mapping, excludeRoutes);
  const route = mapping.routeLabel ? [mapping.routeLabel] : [];
  const by = [mapping.statusLabel, ...route].join(', ');
  return {
    requests: `sum by (${by}) (${mapping.requestCounter}{${selector}${routes}})`,
    buckets: `sum by (${['le', ...route].join(', ')}) (${mapping.latencyHistogram}_bucket{${selector}${routes}})`,
  };
}

/** The series of every preset present for a target: what the contract check reads. */
export function contractQuery(mapping: MetricMapping, selector: string): string {
  const presets = Object.values(METRIC_PRESETS);
  const names = new Set([mapping.requestCounter, `${mapping.latencyHistogram}_bucket`]);
  for (const m of presets) names.add(m.requestCounter).add(`${m.latencyHistogram}_bucket`);
  const labels = new Set(['__name__', mapping.statusLabel, ...presets.map((m) => m.statusLabel)]);
  const pattern = [...names].map(escapeRegex).join('|');
  return `count by (${[...labels].join(', ')}) ({__name__=~"${pattern}",${selector}})`;
}

/** Fills `{{selector}}`, `{{range}}` and `{{routes}}` of a user query. */
export function fillTemplate(
  template: string,
  values: { selector: string; rangeSec: number; excludeRoutes: string[]; routeLabel?: string },
): string {
  const routes =
    values.excludeRoutes.length && values.routeLabel
      ? `,${values.routeLabel}!~"${values.excludeRoutes.map(escapeRegex).join('|')}"`
      : '';
  return template
    .replaceAll('{{selector}}', values.selector)
    .replaceAll('{{range}}', `${Math.max(1, Math.round(values.rangeSec))}s`)
    .replaceAll('{{routes}}', routes);
}

function routeMatcher(mapping: MetricMapping, excludeRoutes: string[]): string {
  if (!mapping.routeLabel || excludeRoutes.length === 0) return '';
  return `,${mapping.routeLabel}!~"${excludeRoutes.map(escapeRegex).join('|')}"`;
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
