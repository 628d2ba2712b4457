import type { LoadOptions } from '../load/load-types.js';
import type { SmokeProfileName } from '../profiles/smoke-profiles.js';
import type { BuiltInCheckName } from '../smoke-types.js';

/** An HTTP method a configured request may use. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One expectation on a field of a JSON body; `path` is dotted (`trading.venues.0`). */
export interface JsonExpectation {
  path: string;
  /** The field equals this value (deep equality). */
  equals?: unknown;
  /** The field equals one of these values. */
  in?: unknown[];
  /** The field is present (true) or absent (false). */
  exists?: boolean;
  /** The field is a string matching this regular expression. */
  matches?: string;
  /** Numeric bounds on the field. */
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
}

/** A request and what its answer must look like. */
export interface ProbeConfig {
  /** Default `GET`. */
  method?: HttpMethod;
  /** Appended to the target URL's path, e.g. `/api/v1/orders/validate`. */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Acceptable status code(s). Default: any 2xx. */
  expectStatus?: number | number[];
  /** Expectations on the JSON body (a body that is not JSON fails them). */
  expectJson?: JsonExpectation[];
  /** Longest acceptable response time in ms. */
  maxLatencyMs?: number;
}

/** A check added by the configuration. */
export interface CustomCheckConfig extends ProbeConfig {
  /**
   * Name in the report: lower-case letters, digits, `.`, `_`, `-`. The name of a built-in
   * check other than `load` (`ready`, `health`, ...) replaces that check with this request.
   */
  name: string;
}

/** Settings of the `health`, `ready` and `status` checks. */
export interface EndpointCheckConfig {
  /** Path of the endpoint. Default: the profile's (`/health`, `/ready`, `/api/v1/status` in n1v1). */
  path?: string;
  /** Longest acceptable response time in ms. */
  maxLatencyMs?: number;
}

/** Settings of the `trading` check. */
export interface TradingCheckConfig {
  /** Fail unless the status's `trading.enabled` is true. Default true. */
  requireEnabled?: boolean;
  /** Largest acceptable `trading.marketDataAgeMs`. Default 30000. */
  maxMarketDataAgeMs?: number;
  /** A side-effect-free request that exercises trading, e.g. `POST /api/v1/orders/validate`. */
  probe?: ProbeConfig;
  /**
   * Allow requests that would place an order (a write method on an `orders` path other
   * than `.../validate`). Default false: such a configuration is rejected.
   */
  allowOrders?: boolean;
}

/** Settings of the `resources` check (read from Prometheus metrics). */
export interface ResourcesCheckConfig {
  /** Path of the metrics. Default: the profile's (`/metrics`; `/actuator/prometheus` in spring). */
  path?: string;
  /** Largest acceptable resident memory in MiB. Default 1024. */
  maxRssMiB?: number;
  /** Largest acceptable event-loop delay in ms: the max between the two scrapes (p99 of one scrape when `sampleMs` is 0). Default 250. */
  maxEventLoopLagMs?: number;
  /** Largest acceptable CPU use in percent of one core. Default 90. */
  maxCpuPercent?: number;
  /** Time between the two scrapes that measure CPU use and the worst event-loop delay, in ms; 0 scrapes once and skips the CPU limit. Default 1000. */
  sampleMs?: number;
}

/** The `--config` file (JSON); `schema/config.schema.json` describes it. */
export interface SmokeConfig {
  /** Editors use it to find the schema; ignored by the suite. */
  $schema?: string;
  /** The contract to check (`n1v1`, `generic`, `kubernetes`, `spring`). Default `n1v1`. */
  profile?: SmokeProfileName;
  /** Per-request timeout in ms. Default 5000. */
  timeoutMs?: number;
  /** Largest body read from any answer, in bytes. Default 1 MiB (4 MiB for metrics). */
  maxBodyBytes?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Built-in checks not to run; they appear in the report as skipped. */
  skip?: BuiltInCheckName[];
  health?: EndpointCheckConfig;
  ready?: EndpointCheckConfig;
  status?: EndpointCheckConfig;
  trading?: TradingCheckConfig;
  resources?: ResourcesCheckConfig;
  /** Settings of the load check (run with `--load`). */
  load?: Partial<
    Pick<
      LoadOptions,
      | 'path'
      | 'durationSec'
      | 'connections'
      | 'maxP99Ms'
      | 'maxErrorRate'
      | 'minRps'
      | 'method'
      | 'body'
      | 'headers'
    >
  >;
  /** Checks added to the built-in ones. */
  checks?: CustomCheckConfig[];
}
