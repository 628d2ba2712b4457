import { createRequire } from 'node:module';
import type { Router as ExpressRouterFactory } from 'express';
import { HealthError } from '../health-error.js';
import type { HealthPaths } from '../health-options.js';
import type { EndpointName, Endpoints } from './endpoints.js';
import type { Middleware } from './middleware.js';

/**
 * An express router with the four contract routes. Each is an express route (not a
 * catch-all middleware), so `req.route` names it and the router stays out of the way of
 * every other path. Case-insensitive and non-strict, as express's defaults are.
 *
 * express is an optional peer dependency: the service's own express (4 or 5) is required
 * here, on the first `router()` call, so that a node:http service needs no express at all
 * and an express 4 service does not get a second express beside its own.
 */
export function expressRouter(endpoints: Endpoints, paths: HealthPaths): Middleware {
  const router = loadExpressRouter()();
  for (const [name, path] of Object.entries(paths) as Array<[EndpointName, string]>) {
    router.all(path, (req, res) => endpoints.serve(name, req, res));
  }
  return router as unknown as Middleware;
}

function loadExpressRouter(): typeof ExpressRouterFactory {
  try {
    return (createRequire(import.meta.url)('express') as { Router: typeof ExpressRouterFactory })
      .Router;
  } catch {
    throw new HealthError(
      'E_CONFIG_INVALID',
      'health.router() needs express (4 or 5), which is not installed: run "npm install express", or serve the routes without it with health.attach(server) or health.requestListener()',
    );
  }
}
