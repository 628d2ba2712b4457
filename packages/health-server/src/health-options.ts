import type { Registry } from 'prom-client';

/**
 * Who may read failure details (`output`, observed values) in `/health` and `/ready` bodies.
 * Decided by credentials by default, as Spring Boot Actuator's `show-details: when-authorized`:
 * with neither option set nobody sees details.
 */
export interface DetailsAccess {
  /** Callers sending `Authorization: Bearer <token>` see details. */
  token?: string;
  /**
   * Addresses and CIDR ranges (`10.0.0.0/8`, `::1`) whose connections see details without a
   * token. Default none. WARNING: behind a same-host reverse proxy or a sidecar (nginx,
   * Envoy, Istio, a Kubernetes service mesh) every caller connects from 127.0.0.1 or the pod's
   * own address, so trusting those addresses shows details to anyone who reaches the proxy.
   * Use it only where the address really is the caller's (a dedicated management network).
   */
  trustedAddresses?: string[];
}

/** Options of the `/metrics` endpoint and the HTTP metrics. */
export interface MetricsOptions {
  /** Registry to use. Default: a new one of this health object; pass prom-client's `register` for the global. */
  registry?: Registry;
  /** Collect prom-client's default process metrics into the registry. Default true. */
  defaultMetrics?: boolean;
  /**
   * Require `Authorization: Bearer <token>` on `/metrics`. Default: open, as Prometheus
   * scrapes expect; set it when the service's port is reachable from outside the cluster.
   */
  token?: string;
  /**
   * How long one rendering of `/metrics` is served to every scrape, in ms, so that a flood of
   * scrapes renders at most once per window and cannot starve `/health`. Concurrent scrapes
   * always share one rendering. Default 1000 (Prometheus scrapes every 15 s or more); 0 renders
   * every scrape.
   */
  cacheMs?: number;
  /**
   * Scrapes answered at the same time; more get 429 with `Retry-After: 1` at once, so a flood
   * of `/metrics` cannot hold up `/health` by the size of what it asks for. Default 4
   * (Prometheus scrapes a target one request at a time).
   */
  maxConcurrent?: number;
  /** Distinct `route` label values kept before new ones are counted as `<other>`. Default 200. */
  maxRouteLabels?: number;
  /** Buckets of `http_request_duration_seconds`, in seconds. Default the contract's 0.005 .. 10. */
  buckets?: number[];
}

/** Paths of the four contract routes. */
export interface HealthPaths {
  /** Default `/health`. */
  health: string;
  /** Default `/ready`. */
  ready: string;
  /** Default `/metrics`. */
  metrics: string;
  /** Default `/api/v1/status`. */
  status: string;
}

/** Where the health object logs shutdown progress and failed hooks. */
export interface HealthLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of {@link createHealth}. Only `service`, `version` and `releaseId` are required. */
export interface HealthOptions {
  /** Service name: `service` in the status, and `serviceId` in health bodies unless given. */
  service: string;
  /** Version of the running build (`1.4.2`). */
  version: string;
  /** Release identifier (a commit or image digest). */
  releaseId: string;
  /** Default `process.env.NODE_ENV`, else `development`. */
  environment?: string;
  /** IETF `serviceId`. Default `service`. */
  serviceId?: string;
  /** IETF `description`. */
  description?: string;
  /**
   * When startup counts as finished: `first-pass` (default) on `health.ready()` or the first
   * `/ready` round that passes; `manual` only on `health.ready()`.
   */
  startup?: 'first-pass' | 'manual';
  /** Who sees failure details. Default: nobody; everyone else sees statuses only. */
  details?: DetailsAccess;
  metrics?: MetricsOptions;
  /** Defaults for every check's `timeoutMs` (1000) and `cacheMs` (1000). */
  checkDefaults?: { timeoutMs?: number; cacheMs?: number };
  paths?: Partial<HealthPaths>;
  /** Values never to show in any response (connection passwords, API keys). */
  secrets?: string[];
  /** Also redact values of environment variables named like secrets (`*_TOKEN`, `*_PASSWORD`). Default true. */
  redactEnv?: boolean;
  /** Longest the status provider may take before `/api/v1/status` answers without its fields, in ms. Default 1000. */
  statusTimeoutMs?: number;
  /** Default: one line per message on stderr, prefixed `health-server:`. */
  logger?: HealthLogger;
}
