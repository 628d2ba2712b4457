import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from '../http/middleware.js';
import type { RequestRecorder } from './request-recorder.js';

/** Options of `health.metricsMiddleware()`. */
export interface MetricsMiddlewareOptions {
  /**
   * Also count requests to the health object's own routes. Default false: probes and
   * scrapes would dilute the service's error rate and latency.
   */
  includeHealthRoutes?: boolean;
  /**
   * Resolves a request's route template, for routers other than express. Return undefined
   * when no route matched. Default: express's matched route (`req.baseUrl` + `req.route.path`).
   */
  route?: (req: IncomingMessage) => string | undefined;
}

/** Status label of a request whose client went away before the response ended (nginx's convention). */
export const CLIENT_CLOSED = 499;

const HEALTH_ROUTE = Symbol.for('@n1v1/health-server.health-route');

/** Marks a request as served by the health object's own routes. */
export function markHealthRoute(req: IncomingMessage): void {
  (req as unknown as Record<symbol, boolean>)[HEALTH_ROUTE] = true;
}

type ExpressRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: unknown };

const TEMPLATE = Symbol.for('@n1v1/health-server.route-template');

/**
 * The matched route template under express 4 and 5: the mount path plus the route's path.
 * Read when express sets `req.route`, because express restores `req.baseUrl` when a request
 * leaves a mounted router (an error, a `next()`), before the response ends. Never the raw URL.
 */
export function expressRoute(req: IncomingMessage): string | undefined {
  const captured = (req as unknown as Record<symbol, string | undefined>)[TEMPLATE];
  return captured ?? templateOf((req as ExpressRequest).route, (req as ExpressRequest).baseUrl);
}

function templateOf(route: ExpressRequest['route'], baseUrl: unknown): string | undefined {
  if (route === undefined || route === null) return undefined;
  const base = typeof baseUrl === 'string' ? baseUrl : '';
  const path = Array.isArray(route.path) ? route.path.map(String).join('|') : String(route.path);
  const joined = `${base}${path}`;
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/** Turns `req.route` into an accessor that notes the template at the moment express matches. */
function captureRoute(req: IncomingMessage): void {
  let route: ExpressRequest['route'];
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: ExpressRequest['route']) {
      route = value;
      (req as unknown as Record<symbol, string | undefined>)[TEMPLATE] = templateOf(
        value,
        (req as ExpressRequest).baseUrl,
      );
    },
  });
}

/** Times every request and records it when its response closes. */
export function createMetricsMiddleware(
  record: RequestRecorder,
  options: MetricsMiddlewareOptions = {},
): Middleware {
  const includeHealth = options.includeHealthRoutes === true;
  const resolve = options.route ?? expressRoute;
  return (req, res, next) => {
    const started = performance.now();
    if (options.route === undefined) captureRoute(req);
    res.once('close', () => {
      if (!includeHealth && (req as unknown as Record<symbol, unknown>)[HEALTH_ROUTE] === true)
        return;
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
      record(req.method, resolve(req), status, (performance.now() - started) / 1000);
    });
    next();
  };
}

/** Wraps a node:http request listener so its requests are recorded too. */
export function instrumentListener(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  record: RequestRecorder,
  options: MetricsMiddlewareOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const middleware = createMetricsMiddleware(record, options);
  return (req, res) => middleware(req, res, () => listener(req, res));
}
