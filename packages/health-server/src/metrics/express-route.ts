import { IncomingMessage } from 'node:http';

type ExpressRoute = { path?: unknown };
type ExpressRequest = IncomingMessage & { route?: ExpressRoute; baseUrl?: unknown };
type Slots = Record<symbol, unknown>;

/** The route express matched, with the mount path it was matched under, noted at match time. */
const MATCHED = Symbol.for('@n1v1/health-server.matched-route');
/** On a route object: the match last noted for it, reused while its mount path stays the same. */
const LAST_MATCH = Symbol('@n1v1/health-server.last-match');

/** A route matched under a mount path, and the template the two make. */
interface RouteMatch {
  route: ExpressRoute;
  base: string;
  template: string;
}

/**
 * The matched route template under express 4 and 5: the mount path plus the route's path.
 * The mount path is the one noted when express set `req.route`: express restores
 * `req.baseUrl` when a request leaves a mounted router (an error, a `next()`), before the
 * response ends. Never the raw URL.
 */
export function expressRoute(req: IncomingMessage): string | undefined {
  const matched = (req as unknown as Slots)[MATCHED] as RouteMatch | undefined;
  if (matched !== undefined) return matched.template;
  const { route, baseUrl } = req as ExpressRequest;
  if (route === undefined || route === null) return undefined;
  return matchOf(route, baseUrl).template;
}

/**
 * The match of a route under a mount path. The last one is kept on the route object (one
 * entry: a mount path with parameters is the URL's own text, so a map of them could grow
 * without bound), so a request to the same route allocates nothing and builds no string.
 */
function matchOf(route: ExpressRoute, baseUrl: unknown): RouteMatch {
  const base = typeof baseUrl === 'string' ? baseUrl : '';
  const last = (route as Slots)[LAST_MATCH] as RouteMatch | undefined;
  if (last !== undefined && last.base === base) return last;
  const path =
    typeof route.path === 'string'
      ? route.path
      : Array.isArray(route.path)
        ? route.path.join('|')
        : String(route.path);
  const joined = base + path;
  const template = joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
  const match: RouteMatch = { route, base, template };
  if (Object.isExtensible(route)) (route as Slots)[LAST_MATCH] = match;
  return match;
}

/**
 * Gives a request, before express swaps its prototype, the own property in which the
 * `req.route` setter notes the match: the setter then overwrites a property rather than
 * adding one, which on a request that express re-prototyped costs far more.
 */
export function reserveRouteSlot(req: IncomingMessage): void {
  (req as unknown as Slots)[MATCHED] = undefined;
}

/**
 * Makes `req.route` an accessor that notes the mount path as express assigns the route.
 * Defined once, on express's base request prototype (shared by every app and sub-app of
 * that express): an accessor on each request object would cost more than the rest of the
 * middleware. The setter stores one property where express would have stored `route`
 * (the route's cached match, so nothing is allocated), so a request carries no more
 * properties than without it. Plain node:http requests are left alone.
 */
export function noteRoutesOf(req: IncomingMessage): void {
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
      return (this[MATCHED] as RouteMatch | undefined)?.route;
    },
    set(this: Slots & ExpressRequest, value: ExpressRoute | undefined | null) {
      this[MATCHED] =
        value === undefined || value === null ? undefined : matchOf(value, this.baseUrl);
    },
  });
}
