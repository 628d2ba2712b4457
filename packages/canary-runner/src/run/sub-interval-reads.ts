import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { PreRunHistory } from './pre-run-history.js';

/**
 * Reads per interval the monitor makes: the scrape source's `metrics.readsPerInterval` while
 * the baseline's history before the run is shorter than `analysis.baselineHistorySec`, else
 * 1. The history knows the baseline's bursts (15 minutes hold about fifteen of a burst a
 * minute), and then the sub-interval bins add nothing but a more careful first look on a
 * regression (see canary-analysis' README); without it, they are what tells a burst from
 * a regression. The prometheus source has no sub-interval reads (its scrapes are sparser).
 */
export function readsPerInterval(config: ResolvedCanaryConfig, history: PreRunHistory): number {
  if (config.metrics.source !== 'scrape') return 1;
  const lookBackSec = config.analysis.baselineHistorySec;
  const coveredSec = history.intervals.length * config.monitor.intervalSec;
  if (lookBackSec > 0 && coveredSec >= lookBackSec) return 1;
  return config.metrics.readsPerInterval;
}
