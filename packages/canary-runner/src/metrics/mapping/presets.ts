import type { MetricMapping, MetricPreset } from './metric-mapping.js';

const ERRORS = '5..';

/**
 * The series of the instrumentations teams use. Where a library has no request counter of
 * its own, its latency histogram's `_count` counts the requests.
 */
export const METRIC_PRESETS: Record<MetricPreset, MetricMapping> = {
  /** @n1v1/health-server (and prom-client with its conventions): the default. */
  'health-server': {
    requestCounter: 'http_requests_total',
    statusLabel: 'status_code',
    errorStatus: ERRORS,
    latencyHistogram: 'http_request_duration_seconds',
    latencyUnit: 'seconds',
    routeLabel: 'route',
  },
  /** prom-client through express-prom-bundle: a histogram only, `path` with includePath. */
  'express-prom-bundle': {
    requestCounter: 'http_request_duration_seconds_count',
    statusLabel: 'status_code',
    errorStatus: ERRORS,
    latencyHistogram: 'http_request_duration_seconds',
    latencyUnit: 'seconds',
    routeLabel: 'path',
  },
  /** OpenTelemetry HTTP semantic conventions (stable), as the Prometheus exporter names them. */
  opentelemetry: {
    requestCounter: 'http_server_request_duration_seconds_count',
    statusLabel: 'http_response_status_code',
    errorStatus: ERRORS,
    latencyHistogram: 'http_server_request_duration_seconds',
    latencyUnit: 'seconds',
    routeLabel: 'http_route',
  },
  /** Spring Boot Actuator's Micrometer `http.server.requests` (histogram buckets enabled). */
  'spring-boot': {
    requestCounter: 'http_server_requests_seconds_count',
    statusLabel: 'status',
    errorStatus: ERRORS,
    latencyHistogram: 'http_server_requests_seconds',
    latencyUnit: 'seconds',
    routeLabel: 'uri',
  },
  /** Go's promhttp middleware (InstrumentHandlerCounter / InstrumentHandlerDuration). */
  'go-promhttp': {
    requestCounter: 'http_requests_total',
    statusLabel: 'code',
    errorStatus: ERRORS,
    latencyHistogram: 'http_request_duration_seconds',
    latencyUnit: 'seconds',
    routeLabel: 'handler',
  },
  /** Istio / Envoy sidecar standard metrics (the histogram is in milliseconds). */
  istio: {
    requestCounter: 'istio_requests_total',
    statusLabel: 'response_code',
    errorStatus: ERRORS,
    latencyHistogram: 'istio_request_duration_milliseconds',
    latencyUnit: 'milliseconds',
  },
  /** ingress-nginx controller metrics. */
  'nginx-ingress': {
    requestCounter: 'nginx_ingress_controller_requests',
    statusLabel: 'status',
    errorStatus: ERRORS,
    latencyHistogram: 'nginx_ingress_controller_request_duration_seconds',
    latencyUnit: 'seconds',
    routeLabel: 'path',
  },
};

export const PRESET_NAMES = Object.keys(METRIC_PRESETS) as MetricPreset[];

/** A preset with the config's `mapping` fields over it. */
export function resolveMapping(
  preset: MetricPreset | undefined,
  overrides: Partial<MetricMapping> | undefined,
): MetricMapping {
  return { ...METRIC_PRESETS[preset ?? 'health-server'], ...stripUndefined(overrides ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
