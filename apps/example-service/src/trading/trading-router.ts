import { type Request, type Response, Router } from 'express';
import { faultInjection } from '../faults/fault-injection.js';
import type { FaultSwitches } from '../faults/fault-switches.js';
import type { MarketData } from './market-data.js';
import { type OrderBook, validateOrder } from './orders.js';
import type { TradingMetrics } from './trading-metrics.js';

export interface TradingDeps {
  market: MarketData;
  book: OrderBook;
  metrics: TradingMetrics;
  faults: FaultSwitches;
}

/**
 * The trading API under `/api/v1`. Fault injection is the first handler of each route
 * (not a router-wide middleware), so an injected 500 is counted under its route template.
 */
export function tradingRouter({ market, book, metrics, faults }: TradingDeps): Router {
  const router = Router();
  const inject = faultInjection(faults);

  router.get('/ticker/:symbol', inject, (req: Request<{ symbol: string }>, res: Response) => {
    const quote = market.quote(req.params.symbol.toUpperCase());
    if (quote === undefined) {
      res.status(404).json({ error: `unknown symbol "${req.params.symbol}"` });
      return;
    }
    res.json({ ...quote, ageMs: market.ageMs() });
  });

  router.post('/orders/validate', inject, (req, res) => {
    const validation = validateOrder(req.body);
    if (validation.valid) res.json({ valid: true });
    else res.status(400).json(validation);
  });

  router.post('/orders', inject, (req, res) => {
    const started = performance.now();
    const validation = validateOrder(req.body);
    if (!validation.valid) {
      res.status(400).json({ error: 'invalid order', reasons: validation.reasons });
      return;
    }
    const request = validation.order;
    const order = book.place(request, market.quote(request.symbol)!);
    metrics.orders.inc({
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      status: order.status,
    });
    metrics.orderLatency.observe({ type: order.type }, (performance.now() - started) / 1000);
    res.status(201).json(order);
  });

  router.get('/orders/:id', inject, (req: Request<{ id: string }>, res: Response) => {
    const order = book.get(req.params.id);
    if (order === undefined) res.status(404).json({ error: `no order "${req.params.id}"` });
    else res.json(order);
  });

  return router;
}
