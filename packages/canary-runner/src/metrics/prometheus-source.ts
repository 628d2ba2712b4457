import { type QueryValue, subtractWindows, type TargetWindow } from '@n1v1/canary-analysis';
import { recordedIntervals } from '../backtest/baseline-history.js';
import { errorMessage } from '../canary-error.js';
import type { PrometheusMetricsConfig } from '../config/config-types.js';
import type { PlannedAction } from '../run/planned-action.js';
import type { MetricMapping } from './mapping/metric-mapping.js';
import {
  type ContractProblem,
  checkMetricsContract,
  pickProblem,
} from './mapping/metrics-contract.js';
import type { MetricsPoll, MetricsSource } from './metrics-source.js';
import { contractQuery, fillTemplate, instantQuery, promqlQueries } from './promql.js';
import { windowFromSums } from './window-from-sums.js';

export interface PrometheusSourceOptions {
  config: PrometheusMetricsConfig;
  mapping: MetricMapping;
  intervalSec: number;
  timeoutMs: number;
  /** Clock in ms; tests pass their own. */
  now?: () => number;
}

interface Side {
  name: 'canary' | 'baseline';
  selector: string;
  first?: TargetWindow;
  last?: TargetWindow;
  contract?: ContractProblem | null;
}

/**
 * PromQL over a real Prometheus server's HTTP API: the mapped request counter by status and
 * the histogram by `le`, summed raw for each target, so that two reads differ by what
 * happened in between (the same window shape a scrape gives); plus the user's queries for
 * the canary.
 */
export function prometheusSource(options: PrometheusSourceOptions): MetricsSource {
  const { config, mapping } = options;
  const now = options.now ?? Date.now;
  const rangeSec = config.rangeSec ?? Math.max(options.intervalSec, 4 * config.scrapeIntervalSec);
  let startedAt = now();
  const canary: Side = { name: 'canary', selector: config.canarySelector };
  const baseline: Side | undefined = config.baselineSelector
    ? { name: 'baseline', selector: config.baselineSelector }
    : undefined;
  const sides = [canary, ...(baseline ? [baseline] : [])];
  const query = (q: string) => instantQuery(config.url, q, options.timeoutMs);

  async function cumulative(side: Side): Promise<TargetWindow> {
    const q = promqlQueries(mapping, side.selector, config.excludeRoutes);
    const [requests, buckets] = await Promise.all([query(q.requests), query(q.buckets)]);
    return windowFromSums(requests, buckets, mapping);
  }

  async function checkContract(side: Side): Promise<void> {
    const series = await query(contractQuery(mapping, side.selector));
    const infos = series.map(({ metric: { __name__: name = '', ...labels } }) => ({
      name,
      labels: name.endsWith('_bucket') ? { ...labels, le: '+Inf' } : labels,
    }));
    side.contract = checkMetricsContract(
      infos,
      mapping,
      `Prometheus for ${side.name} {${side.selector}}`,
    );
  }

  async function read(side: Side, from: 'first' | 'last', problems: string[]) {
    try {
      const current = await cumulative(side);
      if (side.contract !== null) await checkContract(side);
      const before = side[from];
      side.last = current;
      side.first ??= current;
      return before ? subtractWindows(current, before) : null;
    } catch (error) {
      problems.push(`could not query Prometheus for the ${side.name}: ${errorMessage(error)}`);
      return null;
    }
  }

  async function userQueries(range: number): Promise<QueryValue[]> {
    return Promise.all(
      config.queries.map(async (q) => {
        const series = await query(fill(q.query, range));
        const value =
          series.length === 1 && !Number.isNaN(series[0]!.value) ? series[0]!.value : null;
        return { name: q.name, value, seriesCount: series.length, ...bounds(q) };
      }),
    );
  }

  const fill = (template: string, range: number) =>
    fillTemplate(template, {
      selector: config.canarySelector,
      rangeSec: range,
      excludeRoutes: config.excludeRoutes,
      ...(mapping.routeLabel ? { routeLabel: mapping.routeLabel } : {}),
    });

  async function collect(from: 'first' | 'last', range: number): Promise<MetricsPoll> {
    const problems: string[] = [];
    const [c, b, queries] = await Promise.all([
      read(canary, from, problems),
      baseline ? read(baseline, from, problems) : undefined,
      userQueries(range).catch((error) => {
        problems.push(`could not query Prometheus for the user queries: ${errorMessage(error)}`);
        return config.queries.map((q) => ({ name: q.name, value: null, seriesCount: 0 }));
      }),
    ]);
    return { canary: c, ...(baseline ? { baseline: b ?? null } : {}), queries, problems };
  }

  return {
    plan(): PlannedAction[] {
      const queries = sides.flatMap((side) =>
        Object.values(promqlQueries(mapping, side.selector, config.excludeRoutes)),
      );
      const user = config.queries.map((q) => fill(q.query, rangeSec));
      return [...queries, ...user].map((q) => ({
        step: 'monitor',
        kind: 'promql',
        summary: `GET ${new URL('/api/v1/query', config.url).href} every interval`,
        detail: q,
      }));
    },
    async start() {
      startedAt = now();
      await Promise.all(sides.map((side) => read(side, 'last', [])));
    },
    async contract() {
      return pickProblem(sides.map((side) => side.contract));
    },
    poll: () => collect('last', rangeSec),
    total: () => collect('first', Math.max(rangeSec, (now() - startedAt) / 1000)),
    ...(baseline
      ? {
          async baselineHistory(lookBackSec: number): Promise<TargetWindow[]> {
            const endSec = Math.floor(now() / 1000);
            const history = await recordedIntervals({
              url: config.url,
              selector: baseline.selector,
              mapping,
              excludeRoutes: config.excludeRoutes,
              startSec: endSec - lookBackSec,
              endSec,
              stepSec: options.intervalSec,
              timeoutMs: options.timeoutMs,
            });
            return history.map((interval) => interval.window);
          },
        }
      : {}),
  };
}

function bounds(q: { max?: number; min?: number }) {
  return {
    ...(q.max === undefined ? {} : { max: q.max }),
    ...(q.min === undefined ? {} : { min: q.min }),
  };
}
