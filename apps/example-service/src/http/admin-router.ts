import { bearerMatcher } from '@n1v1/health-server';
import { Router } from 'express';
import type { FaultSwitches } from '../faults/fault-switches.js';

/**
 * `GET /admin/faults` and `POST /admin/faults`: read and change the fault switches at
 * runtime, for callers sending `Authorization: Bearer <adminToken>` only. Never decided by
 * the caller's address: behind a same-host proxy or sidecar every caller is loopback, and a
 * switch that fails every trade must not be one anonymous request away. Without a token
 * configured the routes are off.
 */
export function adminRouter(
  faults: FaultSwitches,
  adminToken: string | undefined,
  onChange: () => void,
): Router {
  const router = Router();
  const allowed = adminToken ? bearerMatcher(adminToken) : () => false;
  router.use((req, res, next) => {
    if (allowed(req)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="admin"');
    res.status(adminToken ? 401 : 403).json({
      error: adminToken
        ? 'the admin routes need "Authorization: Bearer <N1V1_ADMIN_TOKEN>"'
        : 'the admin routes are off; start the service with N1V1_ADMIN_TOKEN set and send "Authorization: Bearer <token>"',
    });
  });
  router.get('/faults', (_req, res) => {
    res.json(faults.get());
  });
  router.post('/faults', (req, res) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      res.status(400).json({ error: 'send a JSON object of faults, e.g. {"errorRate":0.05}' });
      return;
    }
    try {
      const current = faults.update(req.body as Record<string, unknown>);
      onChange();
      res.json(current);
    } catch (error) {
      res.status(400).json({ error: (error as Error).message });
    }
  });
  return router;
}
