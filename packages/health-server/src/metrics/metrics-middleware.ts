import { IncomingMessage, type ServerResponse } from 'node:http';
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
type Slots = Record<symbol, unknown>;

const MATCHED = Symbol.for('@n1v1/health-server.matched-route');

/** The route express matched and the mount path it was matched under, noted at match time. */
type Matched = [route: ExpressRequest['route'], baseUrl: unknown];

/**
 * The matched route template under express 4 and 5: the mount path plus the route's path.
 * The mount path is the one noted when express set `req.route`: express restores
 * `req.baseUrl` when a request leaves a mounted router (an error, a `next()`), before the
 * response ends. Never the raw URL.
 */
export function expressRoute(req: IncomingMessage): string | undefined {
  const matched = (req as unknown as Slots)[MATCHED] as Matched | undefined;
  if (matched !== undefined) return templateOf(matched[0], matched[1]);
  return templateOf((req as ExpressRequest).route, (req as ExpressRequest).baseUrl);
}

function templateOf(route: ExpressRequest['route'], baseUrl: unknown): string | undefined {
  if (route === undefined || route === null) return undefined;
  const base = typeof baseUrl === 'string' ? baseUrl : '';
  const path =
    typeof route.path === 'string'
      ? route.path
      : Array.isArray(route.path)
        ? route.path.join('|')
        : String(route.path);
  const joined = base + path;
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

/**
 * Makes `req.route` an accessor that notes the mount path as express assigns the route.
 * Defined once, on express's base request prototype (shared by every app and sub-app of
 * that express): an accessor on each request object would cost more than the rest of the
 * middleware. Plain node:http requests are left alone.
 */
function noteRoutesOf(req: IncomingMessage): void {
  let proto = Object.getPrototypeOf(req) as object | null;
  if (proto === IncomingMessage.prototype || proto === null) return;
  while (proto !== null && Object.getPrototypeOf(proto) !== IncomingMessage.prototype) {
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  if (proto === null || Object.hasOwn(proto, MATCHED)) return;
  Object.defineProperty(proto, MATCHED, { value: undefined, writable: true });
  Object.defineProperty(proto, 'route', {
    configurable: true,
    get(this: Slots) {
      return (this[MATCHED] as Matched | undefined)?.[0];
    },
    set(this: Slots & ExpressRequest, value: ExpressRequest['route']) {
      this[MATCHED] = [value, this.baseUrl];
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
  const patched = new WeakSet<object>();
  return (req, res, next) => {
    const started = performance.now();
    if (options.route === undefined && !patched.has(Object.getPrototypeOf(req))) {
      noteRoutesOf(req);
      patched.add(Object.getPrototypeOf(req));
    }
    // 'close' fires once per response, finished or aborted; `on` avoids once()'s wrapper.
    res.on('close', () => {
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
