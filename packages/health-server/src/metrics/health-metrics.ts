import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Metric,
  type Registry,
} from 'prom-client';
import type { CheckResult } from '../checks/check-types.js';
import { HealthError } from '../health-error.js';
import { HttpRequestDuration, HttpRequestsTotal, HttpSeries } from './http-series.js';

const MISNAMED_DEFAULT_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export const STATUS_VALUE = { pass: 1, warn: 0.5, fail: 0 } as const;

/** The metrics this package owns on the health object's registry. */
export interface HealthMetrics {
  registry: Registry;
  /** Behind `http_requests_total` and `http_request_duration_seconds`. */
  http: HttpSeries;
  checkStatus: Gauge<'check' | 'kind'>;
  checkDuration: Histogram<'check' | 'kind'>;
  checkTimeouts: Counter<'check'>;
  observeCheck(result: CheckResult): void;
}

/**
 * Creates (or, when the registry already has them, reuses) the contract's metrics, so two
 * health objects on the global registry do not collide.
 */
export function createHealthMetrics(
  registry: Registry,
  options: { defaultMetrics: boolean; buckets: number[] },
): HealthMetrics {
  if (options.defaultMetrics && !registry.getSingleMetric('process_cpu_seconds_total')) {
    collectDefaultMetrics({ register: registry });
    // prom-client names three gauges `*_total`, which Prometheus reserves for counters
    // (promtool check metrics rejects them); each is the sum of its by-type gauge anyway.
    for (const name of MISNAMED_DEFAULT_GAUGES) registry.removeSingleMetric(name);
    // Series for every GC kind from the first scrape, so the series count does not creep up
    // as each kind of collection happens for the first time.
    const gc = registry.getSingleMetric('nodejs_gc_duration_seconds') as
      | Histogram<'kind'>
      | undefined;
    for (const kind of ['major', 'minor', 'incremental', 'weakcb']) gc?.zero({ kind });
  }
  const registers = [registry];
  const http = httpSeries(registry, options.buckets);
  const checkStatus = reuse(
    registry,
    'health_check_status',
    () =>
      new Gauge({
        name: 'health_check_status',
        help: 'Result of the last run of a health check: 1 pass, 0.5 warn, 0 fail.',
        labelNames: ['check', 'kind'] as const,
        registers,
      }),
  );
  const checkDuration = reuse(
    registry,
    'health_check_duration_seconds',
    () =>
      new Histogram({
        name: 'health_check_duration_seconds',
        help: 'Duration of health check runs (a timed-out run counts its timeout).',
        labelNames: ['check', 'kind'] as const,
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers,
      }),
  );
  const checkTimeouts = reuse(
    registry,
    'health_check_timeouts_total',
    () =>
      new Counter({
        name: 'health_check_timeouts_total',
        help: 'Health check runs that did not finish within their timeout.',
        labelNames: ['check'] as const,
        registers,
      }),
  );
  return {
    registry,
    http,
    checkStatus,
    checkDuration,
    checkTimeouts,
    observeCheck(result) {
      const labels = { check: result.name, kind: result.kind };
      checkStatus.set(labels, STATUS_VALUE[result.status]);
      checkDuration.observe(labels, result.durationMs / 1000);
      if (result.timedOut) checkTimeouts.inc({ check: result.name });
    },
  };
}

/**
 * The HTTP series of the registry: created and registered, or, when another health object
 * already registered them on this registry, shared with it.
 */
function httpSeries(registry: Registry, buckets: number[]): HttpSeries {
  const existing = registry.getSingleMetric('http_requests_total') as unknown;
  if (existing instanceof HttpRequestsTotal) return existing.series;
  for (const name of ['http_requests_total', 'http_request_duration_seconds']) {
    if (registry.getSingleMetric(name)) {
      throw new HealthError(
        'E_CONFIG_INVALID',
        `createHealth: the registry already has a metric "${name}" that health-server did not create; use a registry without it`,
      );
    }
  }
  const series = new HttpSeries(buckets);
  registry.registerMetric(
    new HttpRequestsTotal(
      'http_requests_total',
      'HTTP requests answered, by method, matched route template and status code.',
      series,
    ) as unknown as Metric,
  );
  registry.registerMetric(
    new HttpRequestDuration(
      'http_request_duration_seconds',
      'Time from request to response end, by method, matched route template and status code.',
      series,
    ) as unknown as Metric,
  );
  return series;
}

function reuse<T extends Metric>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}
