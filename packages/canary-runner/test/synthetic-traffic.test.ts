import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSyntheticTraffic } from '../src/traffic/synthetic-traffic.js';
import { type MetricsServer, startMetricsServer } from './helpers/metrics-server.js';

let a: MetricsServer;
let b: MetricsServer;

beforeEach(async () => {
  a = await startMetricsServer();
  b = await startMetricsServer();
});

afterEach(async () => {
  await a.close();
  await b.close();
});

describe('synthetic traffic', () => {
  it('sends the same steady, bounded stream of requests to every target, in turn over the paths', async () => {
    const traffic = startSyntheticTraffic({
      targets: [a.url, b.url],
      ratePerSec: 40,
      requests: [
        { method: 'GET', path: '/api/v1/ticker/BTC-USD' },
        { method: 'POST', path: '/api/v1/orders/validate', body: { symbol: 'BTC-USD' } },
      ],
      timeoutMs: 1000,
      maxDurationMs: 10_000,
    });
    await expect.poll(() => a.seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(10);
    const stats = traffic.stop();
    const sentAfterStop = a.seen.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(a.seen.length).toBeLessThanOrEqual(sentAfterStop + 1);
    expect(a.seen).toContain('GET /api/v1/ticker/BTC-USD');
    expect(a.seen).toContain('POST /api/v1/orders/validate');
    expect(stats.map((s) => s.target)).toEqual([a.url, b.url]);
    expect(Math.abs(stats[0]!.sent - stats[1]!.sent)).toBeLessThanOrEqual(1);
  });

  it('stops by itself at its hard deadline and skips ticks while a stalled target has too much in flight', async () => {
    a.delayMs = 5000;
    const traffic = startSyntheticTraffic({
      targets: [a.url],
      ratePerSec: 200,
      requests: [{ method: 'GET', path: '/x' }],
      timeoutMs: 3000,
      maxDurationMs: 400,
    });
    await new Promise((r) => setTimeout(r, 800));
    const stats = traffic.stop()[0]!;
    expect(stats.sent).toBeLessThanOrEqual(20);
    expect(stats.skipped).toBeGreaterThan(0);
    expect(stats.sent + stats.skipped).toBeLessThanOrEqual(90);
  });
});
