import { checks, createHealth, type Health, type HealthLogger } from '@n1v1/health-server';
import express, { type Express } from 'express';
import type { FaultSwitches } from './faults/fault-switches.js';
import { adminRouter } from './http/admin-router.js';
import { jsonErrors, notFound } from './http/json-errors.js';
import type { MarketData } from './trading/market-data.js';
import { OrderBook } from './trading/orders.js';
import { SimulatedExchange } from './trading/simulated-exchange.js';
import { createTradingMetrics } from './trading/trading-metrics.js';
import { tradingRouter } from './trading/trading-router.js';

export interface AppIdentity {
  version: string;
  releaseId: string;
  environment: string;
  detailsToken?: string;
  adminToken?: string;
}

/** Market data older than this fails readiness, in ms; a quarter of it warns. */
const MARKET_DATA_MAX_AGE_MS = 5000;

/**
 * The service wired as the health-server README shows: checks, status provider,
 * metrics middleware and router first, then the service's own routes.
 */
export function createApp(
  identity: AppIdentity,
  faults: FaultSwitches,
  market: MarketData,
  logger: HealthLogger,
): { app: Express; health: Health } {
  const health = createHealth({
    service: 'n1v1-example',
    version: identity.version,
    releaseId: identity.releaseId,
    environment: identity.environment,
    description: 'N1V1 paper-trading example service',
    // Details by credentials only, never by address: this service is the model for the
    // trading service's image, which runs behind proxies and sidecars that connect from 127.x.
    details: identity.detailsToken ? { token: identity.detailsToken } : {},
    secrets: identity.adminToken ? [identity.adminToken] : [],
    logger,
  });
  const exchange = new SimulatedExchange(faults);
  const book = new OrderBook();
  health.readiness('exchange', (context) => exchange.ping(context), {
    timeoutMs: 1000,
    cacheMs: 1000,
  });
  health.readiness(
    'market-data',
    checks.fn(() => market.ageMs(), {
      measurement: 'age',
      observedUnit: 'ms',
      warnAbove: MARKET_DATA_MAX_AGE_MS / 4,
      failAbove: MARKET_DATA_MAX_AGE_MS,
    }),
    { cacheMs: 500 },
  );
  health.liveness('event-loop', checks.eventLoopDelay({ maxMs: 1000 }));
  health.liveness('heap', checks.heapUsed());
  health.status(() => ({
    trading: {
      mode: 'paper',
      enabled: true,
      venues: ['simulated'],
      marketDataAgeMs: market.ageMs(),
      openOrders: book.openCount(),
    },
  }));

  const metrics = createTradingMetrics(health.registry, market);
  const app = express();
  app.disable('x-powered-by');
  app.use(health.metricsMiddleware());
  app.use(health.router());
  app.use(express.json({ limit: '16kb' }));
  app.use('/api/v1', tradingRouter({ market, book, metrics, faults }));
  app.use(
    '/admin',
    adminRouter(faults, identity.adminToken, () => health.clearCache()),
  );
  app.use(notFound);
  app.use(jsonErrors((line) => logger.error(line)));
  return { app, health };
}
