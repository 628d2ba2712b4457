import type { LoadReport } from '../../load/load-types.js';

/** A passed load run with a sub-millisecond p50, for the renderer tests. */
export const passingLoad: LoadReport = {
  status: 'pass',
  latencyMs: { p50: 0.231, p90: 2, p99: 5, p999: 12.5, max: 20 },
  rps: 4321.5,
  requests: 43215,
  errors: 0,
  errorRate: 0,
  errorKinds: { non2xx: 0, timeouts: 0, connection: 0 },
  statusCodes: { '200': 43215 },
  thresholds: [{ name: 'maxP99Ms', limit: 1000, actual: 5, pass: true }],
  durationSec: 10,
  connections: 10,
  path: '/health',
};
