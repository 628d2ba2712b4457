import type { ProgressEvent, TlsOptions } from '../smoke-types.js';

/** Options of one load check: an autocannon run judged by thresholds. */
export interface LoadOptions extends TlsOptions {
  /** Base URL of the service, e.g. `http://127.0.0.1:8000`. */
  url: string;
  /** Path to load, appended to the URL's path. Default `/health`. */
  path?: string;
  /** How long to send load, in seconds (0 < d <= 300). Default 10. */
  durationSec?: number;
  /** Concurrent connections (1..1000). Default 10. */
  connections?: number;
  /** Longest acceptable p99 latency, in ms; fractions count (`0.5` is 500 µs). Default 1000. */
  maxP99Ms?: number;
  /** Largest acceptable fraction (0..1) of requests that errored, timed out or answered non-2xx. Default 0.01. */
  maxErrorRate?: number;
  /** Fewest acceptable requests per second. Default: not judged. */
  minRps?: number;
  /** HTTP method. Default `GET`. */
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Request body; an object is sent as JSON. */
  body?: unknown;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Bearer token sent as `Authorization: Bearer <token>`; never printed. */
  token?: string;
  /** Per-request timeout in ms; a request that takes longer counts as an error. Default 5000. */
  timeoutMs?: number;
  /** Called about once a second while the load runs. */
  onProgress?: (event: ProgressEvent) => void;
  /** Stops the load early; the report covers what was sent until then. */
  signal?: AbortSignal;
}

/** One judged threshold of a load run. */
export interface LoadThreshold {
  /** `maxP99Ms`, `maxErrorRate` or `minRps`. */
  name: 'maxP99Ms' | 'maxErrorRate' | 'minRps';
  limit: number;
  actual: number;
  pass: boolean;
}

/** The result of a load run. Latencies in ms, durations in seconds. */
export interface LoadReport {
  status: 'pass' | 'fail';
  /**
   * Latency percentiles of every answered request (any status), in ms to the microsecond
   * (e.g. `0.231`); `p999` is the 99.9th percentile. All 0 when nothing answered.
   */
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
  /** Answered requests per second over the run. */
  rps: number;
  /** Requests that got an answer or failed (answered + connection errors and timeouts). */
  requests: number;
  /** Requests that failed: connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** `errors / requests` (1 when nothing was sent and nothing answered). */
  errorRate: number;
  /** How the errors split up. */
  errorKinds: { non2xx: number; timeouts: number; connection: number };
  /** Answers by HTTP status code, e.g. `{ "200": 9812, "503": 4 }`. */
  statusCodes: Record<string, number>;
  thresholds: LoadThreshold[];
  /** How long the load ran, in seconds. */
  durationSec: number;
  connections: number;
  path: string;
  /** One line naming each threshold that failed, when the status is `fail`. */
  error?: string;
}
