import { DEFAULT_ANALYSIS, DEFAULT_THRESHOLDS } from '@n1v1/canary-analysis';
import type { EnvironmentConfig } from './config-types.js';

/** The service name when the config file gives none. */
export const DEFAULT_SERVICE = 'n1v1';

/** Probes and scrapes hit these routes; they are not user traffic and stay out of the analysis. */
export const PROBE_ROUTES = ['/health', '/ready', '/metrics', '/api/v1/status'];

/**
 * The defaults of one environment. With no config file at all and a `localCommand` they give
 * a working run on this machine: that service as stable and canary, scraped directly, with
 * synthetic traffic so that a quiet service still gives samples.
 */
export function defaultEnvironment(): EnvironmentConfig {
  return {
    // No command: the library runs no service of its own; the caller names it (`localCommand`).
    deployer: { type: 'local', readyTimeoutSec: 30 },
    monitor: {
      durationSec: 60,
      intervalSec: 5,
      maxHealthFailures: 2,
      requestTimeoutMs: 2000,
      consecutiveErrorLimit: 4,
    },
    // The analysis package owns the statistics' defaults; the runner only adds its own.
    thresholds: { ...DEFAULT_THRESHOLDS },
    analysis: {
      minSamples: DEFAULT_ANALYSIS.minSamples,
      falseRollbackBudget: DEFAULT_ANALYSIS.falseRollbackBudget,
      absoluteAlpha: DEFAULT_ANALYSIS.absoluteAlpha,
      insufficientData: 'extend',
      maxExtendSec: 30,
      warmupSec: DEFAULT_ANALYSIS.warmupSec,
      onInconclusive: 'rollback',
      minRouteSamples: DEFAULT_ANALYSIS.minRouteSamples,
      baselineHistorySec: 900,
    },
    metrics: { source: 'scrape', excludeRoutes: PROBE_ROUTES, readsPerInterval: 4 },
    smoke: { enabled: true, timeoutMs: 5000, load: false },
    traffic: {
      enabled: true,
      ratePerSec: 50,
      timeoutMs: 2000,
      requests: [
        { method: 'GET', path: '/api/v1/ticker/BTC-USD' },
        {
          method: 'POST',
          path: '/api/v1/orders/validate',
          body: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: 0.01, price: 50000 },
        },
      ],
    },
    timeouts: { deploySec: 120, smokeSec: 60, rollbackSec: 120, promoteSec: 300 },
    bake: { enabled: true, durationSec: 300, intervalSec: 5, beforeSec: 10 },
    autoPromote: false,
    gate: 'staging',
  };
}
