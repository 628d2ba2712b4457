import type { RequestHandler } from 'express';
import type { FaultSwitches } from './fault-switches.js';

/**
 * Adds `latencyMs` to every trading-API request and answers `errorRate` of them with 500.
 * Errors are spread evenly (every 1/rate-th request), not drawn at random, so a 5 % rate
 * is 5 % in any window a canary analysis looks at.
 */
export function faultInjection(faults: FaultSwitches): RequestHandler {
  let owed = 0;
  return (_req, res, next) => {
    const { errorRate, latencyMs } = faults.get();
    owed += errorRate;
    const fail = owed >= 1 - 1e-9;
    if (fail) owed -= 1;
    const answer = () => {
      if (fail) {
        res.status(500).json({ error: 'injected fault (N1V1_ERROR_RATE)' });
        return;
      }
      next();
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  };
}
