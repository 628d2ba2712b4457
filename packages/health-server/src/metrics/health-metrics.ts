import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Metric,
  type Registry,
} from 'prom-client';
import type { CheckResult } from '../checks/check-types.js';

const MISNAMED_DEFAULT_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export const STATUS_VALUE = { pass: 1, warn: 0.5, fail: 0 } as const;

/** The metrics this package owns on the health object's registry. */
export interface HealthMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status_code'>;
  duration: Histogram<'method' | 'route' | 'status_code'>;
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
  const requests = reuse(
    registry,
    'http_requests_total',
    () =>
      new Counter({
        name: 'http_requests_total',
        help: 'HTTP requests answered, by method, matched route template and status code.',
        labelNames: ['method', 'route', 'status_code'] as const,
        registers,
      }),
  );
  const duration = reuse(
    registry,
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'Time from request to response end, by method, matched route template and status code.',
        labelNames: ['method', 'route', 'status_code'] as const,
        buckets: options.buckets,
        registers,
      }),
  );
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
    requests,
    duration,
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

function reuse<T extends Metric>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}
