import { DEFAULT_THRESHOLDS } from '@n1v1/canary-analysis';
import type { SimulatedMonitor } from './simulate-run.js';

/** The default config's decision: 60 s window, a look every 5 s, extension up to 30 s. */
export function defaultMonitor(): SimulatedMonitor {
  return {
    policy: { thresholds: DEFAULT_THRESHOLDS, plannedLooks: 12, extensionLooks: 6 },
    intervalSec: 5,
    scrapeJitterSec: 0.05,
  };
}
