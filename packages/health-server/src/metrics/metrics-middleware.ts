import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from '../http/middleware.js';
import { expressRoute, noteRoutesOf, reserveRouteSlot } from './express-route.js';
import { hoistFromRouter } from './hoist-from-router.js';
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

type Slots = Record<symbol, unknown>;

/** Marks a request as served by the health object's own routes. */
export function markHealthRoute(req: IncomingMessage): void {
  (req as unknown as Record<symbol, boolean>)[HEALTH_ROUTE] = true;
}

/** Starts timing a request; it is recorded when its response closes. */
type StartTiming = (req: IncomingMessage, res: ServerResponse) => void;

function timing(record: RequestRecorder, options: MetricsMiddlewareOptions): StartTiming {
  const includeHealth = options.includeHealthRoutes === true;
  const resolve = options.route ?? expressRoute;
  return (req, res) => {
    const started = performance.now();
    // 'close' fires once per response, finished or aborted; `on` avoids once()'s wrapper.
    res.on('close', () => {
      if (!includeHealth && (req as unknown as Slots)[HEALTH_ROUTE] === true) return;
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
      record(req.method, resolve(req), status, (performance.now() - started) / 1000);
    });
  };
}

/**
 * Times every request and records it when its response closes.
 *
 * The request path adds no property to a request express re-prototyped (after which every
 * property added costs microseconds): a closure over the start time costs far less. The
 * route's template, the label checks and the series lookup happen once the response
 * closed. Used as the first `app.use()` of an express 5 app, it moves itself in front of
 * the app's router on its first request (see `hoistFromRouter`): from then on it costs no
 * router layer.
 */
export function createMetricsMiddleware(
  record: RequestRecorder,
  options: MetricsMiddlewareOptions = {},
): Middleware {
  const start = timing(record, options);
  const noteRoutes = options.route === undefined;
  let notedProto: object | null = null;
  const middleware: Middleware = (req, res, next) => {
    start(req, res);
    if (noteRoutes) {
      const proto = Object.getPrototypeOf(req) as object;
      if (proto !== notedProto) {
        noteRoutesOf(req);
        notedProto = proto;
        // Once per express app, now that the accessor is in place on its request prototype.
        hoistFromRouter((req as { app?: unknown }).app, middleware, start);
      }
    }
    next();
  };
  return middleware;
}

/**
 * Wraps a node:http request listener (an express app, say) so its requests are recorded
 * too. Each request is timed before the listener sees it, so before express re-prototypes
 * it; express's route accessor is put in place after the first request of each app.
 */
export function instrumentListener(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  record: RequestRecorder,
  options: MetricsMiddlewareOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const start = timing(record, options);
  const noteRoutes = options.route === undefined;
  let notedProto: object | null = null;
  return (req, res) => {
    if (noteRoutes) reserveRouteSlot(req);
    start(req, res);
    listener(req, res);
    if (noteRoutes) {
      const proto = Object.getPrototypeOf(req) as object;
      if (proto !== notedProto) {
        noteRoutesOf(req);
        notedProto = proto;
      }
    }
  };
}
