import { analysisPolicy, loadCanaryConfig } from '@n1v1/canary-runner';
import type { SimulatedMonitor } from './simulate-run.js';

/**
 * The default config's decision, as the runner builds it: 60 s window, a look every 5 s,
 * extension up to 30 s, the default limits and budgets.
 */
export function defaultMonitor(): SimulatedMonitor {
  const config = loadCanaryConfig({ cwd: '/nonexistent-n1v1-bench' });
  return {
    policy: analysisPolicy(config),
    intervalSec: config.monitor.intervalSec,
    // A scrape on loopback or inside a cluster answers within tens of ms.
    scrapeJitterSec: 0.05,
    // What the prometheus source reads before the run (the scrape source: see the scenarios).
    historySec: config.analysis.baselineHistorySec,
    // The scrape source's (the default source) sub-interval reads of its first runs.
    readsPerInterval: config.metrics.source === 'scrape' ? config.metrics.readsPerInterval : 1,
  };
}
