import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { resolveMapping } from './mapping/presets.js';
import type { MetricsSource } from './metrics-source.js';
import { prometheusSource } from './prometheus-source.js';
import { scrapeSource } from './scrape-source.js';

/** The metrics source an environment's config names, reading the series its mapping names. */
export function createMetricsSource(
  config: ResolvedCanaryConfig,
  urls: { canaryUrl: string; baselineUrl?: string },
): MetricsSource {
  const timeoutMs = config.monitor.requestTimeoutMs;
  const mapping = resolveMapping(config.metrics.preset, config.metrics.mapping);
  if (config.metrics.source === 'prometheus') {
    return prometheusSource({
      config: config.metrics,
      mapping,
      intervalSec: config.monitor.intervalSec,
      timeoutMs,
    });
  }
  return scrapeSource({
    canaryUrl: urls.canaryUrl,
    ...(urls.baselineUrl ? { baselineUrl: urls.baselineUrl } : {}),
    mapping,
    excludeRoutes: config.metrics.excludeRoutes,
    timeoutMs,
    readsPerInterval: config.metrics.readsPerInterval,
  });
}
