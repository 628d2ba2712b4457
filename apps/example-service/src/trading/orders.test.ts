import { describe, expect, it } from 'vitest';
import { OrderBook, validateOrder } from './orders.js';

describe('validateOrder', () => {
  it('accepts a good market order and a good limit order', () => {
    expect(
      validateOrder({ symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 0.5 }),
    ).toEqual({
      valid: true,
      order: { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 0.5 },
    });
    expect(
      validateOrder({ symbol: 'ETH-USD', side: 'sell', type: 'limit', quantity: 2, price: 3100 }),
    ).toMatchObject({ valid: true });
  });

  it('gives every reason an order is invalid', () => {
    expect(
      validateOrder({ symbol: 'DOGE-USD', side: 'hold', type: 'stop', quantity: 0, price: -1 }),
    ).toEqual({
      valid: false,
      reasons: [
        'symbol must be one of BTC-USD, ETH-USD, SOL-USD',
        'side must be "buy" or "sell"',
        'type must be "limit" or "market"',
        'quantity must be a number above 0',
        'price must be a number above 0',
      ],
    });
    expect(validateOrder({ symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: 1 })).toEqual({
      valid: false,
      reasons: ['a limit order needs a price'],
    });
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, [], 'order', 42]) {
      expect(validateOrder(body)).toEqual({
        valid: false,
        reasons: ['the body must be a JSON object'],
      });
    }
  });
});

describe('OrderBook', () => {
  const market = { bid: 99, ask: 101 };

  it('fills market orders at the touch and limit orders only when they cross', () => {
    const book = new OrderBook();
    expect(
      book.place({ symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 1 }, market),
    ).toMatchObject({ status: 'filled', filledPrice: 101 });
    expect(
      book.place({ symbol: 'BTC-USD', side: 'sell', type: 'market', quantity: 1 }, market),
    ).toMatchObject({ status: 'filled', filledPrice: 99 });
    expect(
      book.place({ symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: 1, price: 102 }, market)
        .status,
    ).toBe('filled');
    expect(
      book.place({ symbol: 'BTC-USD', side: 'sell', type: 'limit', quantity: 1, price: 98 }, market)
        .status,
    ).toBe('filled');
    const resting = book.place(
      { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: 1, price: 100 },
      market,
    );
    expect(resting).toMatchObject({ status: 'open' });
    expect(resting).not.toHaveProperty('filledPrice');
    expect(book.get(resting.id)).toBe(resting);
    expect(book.openCount()).toBe(1);
  });

  it('keeps at most 10,000 orders, dropping the oldest', () => {
    const book = new OrderBook();
    const first = book.place(
      { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 1 },
      market,
    );
    for (let i = 0; i < 10_000; i++)
      book.place({ symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 1 }, market);
    expect(book.get(first.id)).toBeUndefined();
  });
});
