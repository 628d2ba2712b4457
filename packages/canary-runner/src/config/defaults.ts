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
    thresholds: {
      maxErrorRate: 0.01,
      maxP99Ms: 500,
      maxErrorRateIncrease: 0.01,
      maxP99Increase: 0.2,
      minP99IncreaseMs: 25,
      maxLatencyIncrease: 0.2,
      minLatencyIncreaseMs: 5,
      maxTailShareIncrease: 0.01,
    },
    analysis: {
      minSamples: 50,
      falseRollbackBudget: 0.005,
      absoluteAlpha: 0.005,
      insufficientData: 'extend',
      maxExtendSec: 30,
      warmupSec: 10,
      onInconclusive: 'rollback',
      minRouteSamples: 100,
    },
    metrics: { source: 'scrape', excludeRoutes: PROBE_ROUTES },
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
