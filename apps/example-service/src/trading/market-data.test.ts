import { afterEach, describe, expect, it } from 'vitest';
import { MarketData, SYMBOLS } from './market-data.js';

const feeds: MarketData[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.stop();
});

describe('MarketData', () => {
  it('quotes every listed symbol with bid below ask', () => {
    const feed = new MarketData();
    feeds.push(feed);
    for (const symbol of SYMBOLS) {
      const quote = feed.quote(symbol);
      expect(quote?.bid).toBeLessThan(quote?.ask as number);
    }
    expect(feed.quote('DOGE-USD')).toBeUndefined();
  });

  it('ticks, so the age of its data stays below a few ticks', async () => {
    const feed = new MarketData(10);
    feeds.push(feed);
    const before = feed.quote('BTC-USD')?.time;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(feed.quote('BTC-USD')?.time).not.toBe(before);
    expect(feed.ageMs()).toBeLessThan(200);
  });
});
