import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { DeployContext, Deployer } from '../deployers/deployer.js';
import { resolveMapping } from '../metrics/mapping/presets.js';
import type { MetricsSource } from '../metrics/metrics-source.js';
import { prometheusSource } from '../metrics/prometheus-source.js';
import { scrapeSource } from '../metrics/scrape-source.js';

/**
 * Where the environment's stable version answers: what its deployer knows (the local
 * deployer's stable process), else the config's `baselineUrl`.
 */
export function productionUrl(
  config: ResolvedCanaryConfig,
  deployer: Deployer,
  ctx: DeployContext,
): string | undefined {
  return deployer.stableUrl?.(ctx) ?? config.baselineUrl;
}

/**
 * The metrics of production alone, as the "canary" side of a source: its `/metrics` at `url`,
 * or its series in Prometheus (the baseline selector: the stable's series).
 */
export function productionSource(
  config: ResolvedCanaryConfig,
  url: string | undefined,
): MetricsSource {
  const timeoutMs = config.monitor.requestTimeoutMs;
  const mapping = resolveMapping(config.metrics.preset, config.metrics.mapping);
  if (config.metrics.source === 'prometheus') {
    const { baselineSelector, ...metrics } = config.metrics;
    return prometheusSource({
      config: { ...metrics, canarySelector: baselineSelector ?? metrics.canarySelector },
      mapping,
      intervalSec: config.bake.intervalSec,
      timeoutMs,
    });
  }
  if (!url) throw noProductionUrl(config);
  return scrapeSource({
    canaryUrl: url,
    mapping,
    excludeRoutes: config.metrics.excludeRoutes,
    timeoutMs,
  });
}

/** The bake has nothing to watch: said before anything is rolled out. */
export function noProductionUrl(config: ResolvedCanaryConfig): CanaryError {
  return new CanaryError(
    'E_CONFIG_INVALID',
    `the bake reads production's /metrics but no URL is known for ${config.env}: set environments.${config.env}.baselineUrl, or pass --no-bake`,
  );
}
