import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { PreRunHistory } from './pre-run-history.js';

/**
 * The shortest time between two reads of a target: a `/metrics` endpoint may answer from a
 * cache for a second (health-server does), and a read it answers from there would make the
 * look's own read lag behind the look.
 */
export const MIN_READ_SPACING_SEC = 1.25;

/**
 * Reads per interval the monitor makes: the scrape source's `metrics.readsPerInterval` (as
 * many as fit `MIN_READ_SPACING_SEC` apart in the interval) while the baseline's history
 * before the run is shorter than `analysis.baselineHistorySec`, else 1. The history knows the
 * baseline's bursts (15 minutes hold about fifteen of a burst a minute), and then the
 * sub-interval bins add nothing but a more careful first look on a regression (see
 * canary-analysis' README); without it, they are what tells a burst from a regression. The
 * prometheus source has no sub-interval reads (its scrapes are sparser).
 */
export function readsPerInterval(config: ResolvedCanaryConfig, history: PreRunHistory): number {
  if (config.metrics.source !== 'scrape') return 1;
  const lookBackSec = config.analysis.baselineHistorySec;
  const coveredSec = history.intervals.length * config.monitor.intervalSec;
  if (lookBackSec > 0 && coveredSec >= lookBackSec) return 1;
  const fitting = Math.floor(config.monitor.intervalSec / MIN_READ_SPACING_SEC + 1e-9);
  return Math.max(1, Math.min(config.metrics.readsPerInterval, fitting));
}
