import { Router } from 'express';
import type { FaultSwitches } from '../faults/fault-switches.js';
import { isLoopbackAddress } from './loopback.js';

/**
 * `GET /admin/faults` and `POST /admin/faults`: read and change the fault switches at
 * runtime. Only callers on a loopback address: a switch that breaks the service must not
 * be reachable from the network it serves.
 */
export function adminRouter(faults: FaultSwitches, onChange: () => void): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (isLoopbackAddress(req.socket.remoteAddress)) {
      next();
      return;
    }
    res.status(403).json({ error: 'the admin routes answer loopback callers only' });
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
