import { IncomingMessage } from 'node:http';

type ExpressRoute = { path?: unknown };
type ExpressRequest = IncomingMessage & { route?: ExpressRoute; baseUrl?: unknown };
type Slots = Record<symbol, unknown>;

/** The route express matched and the mount path it was matched under, noted at match time. */
const MATCHED = Symbol.for('@n1v1/health-server.matched-route');
/** On a route object: the template last built from it, and the mount path it was built for. */
const TEMPLATE = Symbol('@n1v1/health-server.route-template');

type CachedTemplate = { base: string; template: string };
type Matched = [route: ExpressRoute | undefined, baseUrl: unknown];

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

/**
 * The template of a route under a mount path. The last one built is kept on the route object
 * (one entry: a mount path with parameters is the URL's own text, so a map of them could
 * grow without bound), so a request to the same route builds no string.
 */
function templateOf(route: ExpressRoute | undefined | null, baseUrl: unknown): string | undefined {
  if (route === undefined || route === null) return undefined;
  const base = typeof baseUrl === 'string' ? baseUrl : '';
  const cached = (route as Slots)[TEMPLATE] as CachedTemplate | undefined;
  if (cached !== undefined && cached.base === base) return cached.template;
  const path =
    typeof route.path === 'string'
      ? route.path
      : Array.isArray(route.path)
        ? route.path.join('|')
        : String(route.path);
  const joined = base + path;
  const template = joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
  if (Object.isExtensible(route)) (route as Slots)[TEMPLATE] = { base, template };
  return template;
}

/**
 * Makes `req.route` an accessor that notes the mount path as express assigns the route.
 * Defined once, on express's base request prototype (shared by every app and sub-app of
 * that express): an accessor on each request object would cost more than the rest of the
 * middleware. The setter adds one property where express would have added `route`, so a
 * request carries no more properties than without it. Plain node:http requests are left
 * alone.
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
      return (this[MATCHED] as Matched | undefined)?.[0];
    },
    set(this: Slots & ExpressRequest, value: ExpressRoute | undefined) {
      this[MATCHED] = [value, this.baseUrl];
    },
  });
}
