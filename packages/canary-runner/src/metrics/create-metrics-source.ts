import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { MetricsSource } from './metrics-source.js';
import { prometheusSource } from './prometheus-source.js';
import { scrapeSource } from './scrape-source.js';

/** The metrics source an environment's config names. */
export function createMetricsSource(
  config: ResolvedCanaryConfig,
  urls: { canaryUrl: string; baselineUrl?: string },
): MetricsSource {
  const timeoutMs = config.monitor.requestTimeoutMs;
  if (config.metrics.source === 'prometheus') {
    return prometheusSource({
      config: config.metrics,
      intervalSec: config.monitor.intervalSec,
      timeoutMs,
    });
  }
  return scrapeSource({
    canaryUrl: urls.canaryUrl,
    ...(urls.baselineUrl ? { baselineUrl: urls.baselineUrl } : {}),
    excludeRoutes: config.metrics.excludeRoutes,
    timeoutMs,
  });
}
