import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from '../http/middleware.js';
import { reserveRouteSlot } from './express-route.js';

type Handle = (req: IncomingMessage, res: ServerResponse, callback?: unknown) => unknown;
type Layer = { handle?: unknown; route?: unknown; slash?: unknown };

/**
 * Takes `middleware` out of an express 5 app's router when it is the router's first layer,
 * mounted at `/`, and calls `start` from the app's `handle` instead, which express calls for
 * every request the app gets (from the server, or from a parent app it is mounted in). A
 * router layer costs as much CPU as the rest of the metrics middleware; in front of the
 * router the request meets the same middleware chain minus that layer, so what is timed and
 * recorded stays the same.
 *
 * The router gets a new stack array: express 5's router reads its stack once per request,
 * so a request in flight keeps the array it started on (and the layer it already passed),
 * and every later request starts on the new one. Anything else (express 4, a router mounted
 * in the app, a mount path, another layer first) is left alone and returns false.
 */
export function hoistFromRouter(
  app: unknown,
  middleware: Middleware,
  start: (req: IncomingMessage, res: ServerResponse) => void,
): boolean {
  if ((typeof app !== 'function' && typeof app !== 'object') || app === null) return false;
  const holder = app as { handle?: unknown; router?: { stack?: unknown } };
  if (!Object.hasOwn(holder, 'handle') || typeof holder.handle !== 'function') return false;
  let router: { stack?: unknown } | undefined;
  try {
    // express 4 throws here ("app.router is deprecated"); it keeps its router elsewhere.
    router = holder.router;
  } catch {
    return false;
  }
  const stack = router?.stack;
  if (!Array.isArray(stack)) return false;
  const first = stack[0] as Layer | undefined;
  if (first?.handle !== middleware || first.slash !== true || first.route !== undefined) {
    return false;
  }
  const original = holder.handle as Handle;
  router!.stack = stack.slice(1);
  holder.handle = function handle(this: unknown, req, res, callback) {
    reserveRouteSlot(req);
    start(req, res);
    return original.call(this, req, res, callback);
  } satisfies Handle;
  return true;
}
