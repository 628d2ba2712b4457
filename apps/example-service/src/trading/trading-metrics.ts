import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { MarketData } from './market-data.js';

/** The service's own metrics, registered on the health object's registry beside the contract's. */
export interface TradingMetrics {
  orders: Counter<'symbol' | 'side' | 'type' | 'status'>;
  orderLatency: Histogram<'type'>;
}

export function createTradingMetrics(registry: Registry, market: MarketData): TradingMetrics {
  new Gauge({
    name: 'n1v1_market_data_age_seconds',
    help: 'Age of the newest simulated market data tick.',
    registers: [registry],
    collect() {
      this.set(market.ageMs() / 1000);
    },
  });
  return {
    orders: new Counter({
      name: 'n1v1_orders_total',
      help: 'Paper orders placed, by symbol, side, type and resulting status.',
      labelNames: ['symbol', 'side', 'type', 'status'] as const,
      registers: [registry],
    }),
    orderLatency: new Histogram({
      name: 'n1v1_order_latency_seconds',
      help: 'Time to accept a paper order, from request to stored order.',
      labelNames: ['type'] as const,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
  };
}
