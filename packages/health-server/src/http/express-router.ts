import { Router } from 'express';
import type { HealthPaths } from '../health-options.js';
import type { EndpointName, Endpoints } from './endpoints.js';
import type { Middleware } from './middleware.js';

/**
 * An express router with the four contract routes. Each is an express route (not a
 * catch-all middleware), so `req.route` names it and the router stays out of the way of
 * every other path. Case-insensitive and non-strict, as express's defaults are.
 */
export function expressRouter(endpoints: Endpoints, paths: HealthPaths): Middleware {
  const router = Router();
  for (const [name, path] of Object.entries(paths) as Array<[EndpointName, string]>) {
    router.all(path, (req, res) => endpoints.serve(name, req, res));
  }
  return router as unknown as Middleware;
}
