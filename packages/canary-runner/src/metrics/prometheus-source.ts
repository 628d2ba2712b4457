import type { QueryValue } from '../analysis/check-types.js';
import { errorMessage } from '../canary-error.js';
import type { PrometheusMetricsConfig } from '../config/config-types.js';
import type { PlannedAction } from '../run/planned-action.js';
import type { MetricsPoll, MetricsSource } from './metrics-source.js';
import { fillTemplate, instantQuery, PROMQL_TEMPLATES, type PromSeries } from './promql.js';
import { fromCumulative } from './request-counters.js';
import type { TargetWindow } from './target-window.js';

export interface PrometheusSourceOptions {
  config: PrometheusMetricsConfig;
  intervalSec: number;
  timeoutMs: number;
  /** Clock in ms; tests pass their own. */
  now?: () => number;
}

/**
 * PromQL over a real Prometheus server's HTTP API: the request, error and histogram-bucket
 * increases over the range for canary and baseline (the same window shape a scrape gives),
 * plus the user's queries for the canary.
 */
export function prometheusSource(options: PrometheusSourceOptions): MetricsSource {
  const { config } = options;
  const now = options.now ?? Date.now;
  const rangeSec = config.rangeSec ?? Math.max(options.intervalSec, 4 * config.scrapeIntervalSec);
  let startedAt = now();

  const fill = (template: string, selector: string, range: number) =>
    fillTemplate(template, { selector, rangeSec: range, excludeRoutes: config.excludeRoutes });

  async function window(selector: string, range: number): Promise<TargetWindow> {
    const [requests, errors, buckets] = await Promise.all([
      query(fill(PROMQL_TEMPLATES.requests, selector, range)),
      query(fill(PROMQL_TEMPLATES.errors, selector, range)),
      query(fill(PROMQL_TEMPLATES.buckets, selector, range)),
    ]);
    const cumulative = new Map<number, number>();
    for (const s of buckets) {
      const le = s.metric.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.metric.le);
      if (!Number.isNaN(le) && Number.isFinite(s.value)) cumulative.set(le, Math.round(s.value));
    }
    return {
      requests: single(requests),
      errors: single(errors),
      latency: fromCumulative(cumulative),
    };
  }

  const query = (q: string) => instantQuery(config.url, q, options.timeoutMs);

  async function userQueries(range: number): Promise<QueryValue[]> {
    return Promise.all(
      config.queries.map(async (q) => {
        const series = await query(fill(q.query, config.canarySelector, range));
        const value =
          series.length === 1 && !Number.isNaN(series[0]!.value) ? series[0]!.value : null;
        return { name: q.name, value, seriesCount: series.length, ...bounds(q) };
      }),
    );
  }

  async function collect(range: number): Promise<MetricsPoll> {
    const problems: string[] = [];
    const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T | null> => {
      try {
        return await run();
      } catch (error) {
        problems.push(`could not query Prometheus for the ${what}: ${errorMessage(error)}`);
        return null;
      }
    };
    const [canary, baseline, queries] = await Promise.all([
      attempt('canary', () => window(config.canarySelector, range)),
      config.baselineSelector
        ? attempt('baseline', () => window(config.baselineSelector!, range))
        : undefined,
      attempt('user queries', () => userQueries(range)),
    ]);
    return {
      canary,
      ...(config.baselineSelector ? { baseline: baseline ?? null } : {}),
      queries:
        queries ?? config.queries.map((q) => ({ name: q.name, value: null, seriesCount: 0 })),
      problems,
    };
  }

  return {
    plan(): PlannedAction[] {
      const selectors = [
        config.canarySelector,
        ...(config.baselineSelector ? [config.baselineSelector] : []),
      ];
      const templates = selectors.flatMap((selector) =>
        Object.values(PROMQL_TEMPLATES).map((t) => fill(t, selector, rangeSec)),
      );
      const user = config.queries.map((q) => fill(q.query, config.canarySelector, rangeSec));
      return [...templates, ...user].map((q) => ({
        step: 'monitor',
        kind: 'promql',
        summary: `GET ${new URL('/api/v1/query', config.url).href} every interval`,
        detail: q,
      }));
    },
    async start() {
      startedAt = now();
    },
    poll: () => collect(rangeSec),
    total: () => collect(Math.max(rangeSec, (now() - startedAt) / 1000)),
  };
}

/** The one value of an aggregated query; an empty answer or NaN means nothing happened. */
function single(series: PromSeries[]): number {
  const value = series[0]?.value;
  return value === undefined || !Number.isFinite(value) ? 0 : Math.round(value);
}

function bounds(q: { max?: number; min?: number }) {
  return {
    ...(q.max === undefined ? {} : { max: q.max }),
    ...(q.min === undefined ? {} : { min: q.min }),
  };
}
