/**
 * Which series carry a service's request metrics: the names and labels of its
 * instrumentation. Presets give them for the instrumentations teams use; `mapping` in the
 * config overrides any field.
 */
export interface MetricMapping {
  /** A counter of requests (or a histogram's `_count`), e.g. `http_requests_total`. */
  requestCounter: string;
  /** The label of the counter that holds the HTTP status, e.g. `status_code` or `code`. */
  statusLabel: string;
  /**
   * Status values that count as errors: a regular expression matched against the whole
   * value. Default `5..` (and `5xx`). A value that is not a status at all is an error too.
   */
  errorStatus: string;
  /** The latency histogram's name, without `_bucket`, e.g. `http_request_duration_seconds`. */
  latencyHistogram: string;
  /** Unit of the histogram's `le` bounds. */
  latencyUnit: 'seconds' | 'milliseconds';
  /** The label that holds the route, for excluded routes and per-route comparison. */
  routeLabel?: string;
}

/** The presets, by the name the config uses. */
export type MetricPreset =
  | 'health-server'
  | 'express-prom-bundle'
  | 'opentelemetry'
  | 'spring-boot'
  | 'go-promhttp'
  | 'istio'
  | 'nginx-ingress';

/** A status value the runner can read: a three-digit code or a class like `5xx`. */
const KNOWN_STATUS = /^([1-5]\d\d|[1-5]xx)$/i;

/** How one series' status is counted. `unknown` is never a success. */
export type StatusClass = 'success' | 'error' | 'unknown';

/** A status label's value as the analysis counts it. */
export function classifyStatus(value: string | undefined, mapping: MetricMapping): StatusClass {
  if (value === undefined || !KNOWN_STATUS.test(value)) return 'unknown';
  const errors = new RegExp(`^(?:${mapping.errorStatus})$`, 'i');
  return errors.test(value) || /^5xx$/i.test(value) ? 'error' : 'success';
}

/** The bound of a histogram bucket in seconds, whatever the histogram's unit. */
export function boundInSeconds(le: string, mapping: MetricMapping): number {
  if (le === '+Inf') return Number.POSITIVE_INFINITY;
  const value = Number(le);
  return mapping.latencyUnit === 'milliseconds' ? value / 1000 : value;
}
