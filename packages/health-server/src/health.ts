import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Check, CheckKind, CheckOptions } from './checks/check-types.js';
import type { Middleware } from './http/middleware.js';
import type { NodeHandler } from './http/node-handler.js';
import type { LifecycleState } from './lifecycle.js';
import type { MetricsMiddlewareOptions } from './metrics/metrics-middleware.js';
import type { HealthBody, StatusBody, StatusProvider } from './response-types.js';
import type { ShutdownController, ShutdownOptions } from './shutdown/shutdown-types.js';

/** What {@link createHealth} returns: registration, endpoints, metrics and shutdown of one service. */
export interface Health {
  /** The registry `/metrics` serves; register the service's own metrics on it. */
  readonly registry: Registry;
  /** `starting` until startup finished, `running`, then `stopping` from the instant shutdown begins. */
  readonly state: LifecycleState;

  /** Adds a check to `/ready`: critical dependencies (database, exchange API). Chainable. */
  readiness(name: string, check: Check, options?: CheckOptions): Health;
  /** Adds a check to `/health`: the process itself (event loop, heap), never outside systems. Chainable. */
  liveness(name: string, check: Check, options?: CheckOptions): Health;
  /** Sets the provider of the service's own `/api/v1/status` fields (the `trading` block). Chainable. */
  status(provider: StatusProvider): Health;

  /** Marks startup finished: `/ready` may pass from now on. */
  ready(): void;
  /** Readiness fails from now on, for good. `gracefulShutdown` calls it for you. */
  beginShutdown(): void;
  /** Runs (or reuses) one kind's checks and returns the body `/health` or `/ready` would, with details. */
  evaluate(kind: CheckKind): Promise<HealthBody>;
  /** The `/api/v1/status` body. */
  statusReport(): Promise<StatusBody>;
  /** Forgets cached results, so the next request runs every check. */
  clearCache(): void;

  /** express 4/5 router with GET/HEAD `/health`, `/ready`, `/metrics`, `/api/v1/status`. */
  router(): Middleware;
  /** Records `http_requests_total` and `http_request_duration_seconds` by route template. */
  metricsMiddleware(options?: MetricsMiddlewareOptions): Middleware;
  /** For node:http services: serves a contract route and returns true, else returns false untouched. */
  readonly handle: NodeHandler;
  /** A complete node:http listener: the contract routes, 404 for anything else. */
  requestListener(): (req: IncomingMessage, res: ServerResponse) => void;
  /** Wraps a node:http listener so its requests are recorded in the HTTP metrics. */
  instrument(
    listener: (req: IncomingMessage, res: ServerResponse) => void,
    options?: MetricsMiddlewareOptions,
  ): (req: IncomingMessage, res: ServerResponse) => void;
  /**
   * Answers the contract routes on `server` before its application sees them, as terminus
   * does: probes skip the whole express stack. Call it after the app is on the server
   * (`app.listen()` returns that server). Returns a function that undoes it.
   */
  attach(server: Server): () => void;
  /** Serves the contract routes on a separate (management) port; resolves once listening. */
  listen(port: number, host?: string): Promise<Server>;

  /** Installs graceful shutdown of `server` on SIGTERM and SIGINT. */
  gracefulShutdown(server: Server, options?: ShutdownOptions): ShutdownController;
  /** Closes management servers and releases check resources. Idempotent. */
  close(): Promise<void>;
}
