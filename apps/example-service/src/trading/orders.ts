import { randomUUID } from 'node:crypto';
import { SYMBOLS } from './market-data.js';

/** A valid order request. Quantities are in the base currency, prices in the quote currency. */
export interface OrderRequest {
  symbol: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market';
  quantity: number;
  /** Required for limit orders. */
  price?: number;
}

/** A paper order as stored and returned. */
export interface Order extends OrderRequest {
  id: string;
  status: 'filled' | 'open';
  filledPrice?: number;
  createdAt: string;
}

export type Validation = { valid: true; order: OrderRequest } | { valid: false; reasons: string[] };

/** Validates an order body and says every reason it is not valid. Has no side effects. */
export function validateOrder(body: unknown): Validation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { valid: false, reasons: ['the body must be a JSON object'] };
  }
  const input = body as Record<string, unknown>;
  const reasons: string[] = [];
  if (typeof input.symbol !== 'string' || !SYMBOLS.includes(input.symbol)) {
    reasons.push(`symbol must be one of ${SYMBOLS.join(', ')}`);
  }
  if (input.side !== 'buy' && input.side !== 'sell') reasons.push('side must be "buy" or "sell"');
  if (input.type !== 'limit' && input.type !== 'market')
    reasons.push('type must be "limit" or "market"');
  if (
    typeof input.quantity !== 'number' ||
    !Number.isFinite(input.quantity) ||
    input.quantity <= 0
  ) {
    reasons.push('quantity must be a number above 0');
  }
  const priced = typeof input.price === 'number' && Number.isFinite(input.price) && input.price > 0;
  if (input.price !== undefined && !priced) reasons.push('price must be a number above 0');
  if (input.type === 'limit' && input.price === undefined)
    reasons.push('a limit order needs a price');
  if (reasons.length > 0) return { valid: false, reasons };
  const order: OrderRequest = {
    symbol: input.symbol as string,
    side: input.side as OrderRequest['side'],
    type: input.type as OrderRequest['type'],
    quantity: input.quantity as number,
  };
  if (priced) order.price = input.price as number;
  return { valid: true, order };
}

/** Paper orders in memory: market orders fill at once, limit orders when they cross the market. */
export class OrderBook {
  private readonly orders = new Map<string, Order>();
  private static readonly MAX_ORDERS = 10_000;

  place(request: OrderRequest, market: { bid: number; ask: number }): Order {
    const fillPrice = request.side === 'buy' ? market.ask : market.bid;
    const crosses =
      request.type === 'market' ||
      (request.side === 'buy'
        ? (request.price ?? 0) >= market.ask
        : (request.price ?? 0) <= market.bid);
    const order: Order = {
      ...request,
      id: randomUUID(),
      status: crosses ? 'filled' : 'open',
      createdAt: new Date().toISOString(),
    };
    if (crosses) order.filledPrice = fillPrice;
    // A paper book for demos: the oldest orders go, so a load test cannot exhaust memory.
    if (this.orders.size >= OrderBook.MAX_ORDERS) {
      const oldest = this.orders.keys().next().value;
      if (oldest !== undefined) this.orders.delete(oldest);
    }
    this.orders.set(order.id, order);
    return order;
  }

  get(id: string): Order | undefined {
    return this.orders.get(id);
  }

  openCount(): number {
    let open = 0;
    for (const order of this.orders.values()) if (order.status === 'open') open++;
    return open;
  }
}
