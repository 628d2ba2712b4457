import { afterEach, describe, expect, it } from 'vitest';
import { createNotifier, type DiscordSinkOptions, discord } from '../src/index.js';
import { type DiscordLikeServer, startDiscordLikeServer } from './discord-like-server.js';
import { event, runIdsOf } from './helpers.js';

let server: DiscordLikeServer;

afterEach(() => server.close());

function sinkFor(i = 0, extra: Partial<DiscordSinkOptions> = {}) {
  return discord({ webhookUrl: server.webhookUrl(i), apiBase: server.apiBase, ...extra });
}

describe('Discord rate limits, as announced by the server', () => {
  it('waits X-RateLimit-Reset-After once the bucket is spent, never exceeding the budget', async () => {
    server = await startDiscordLikeServer({ bucketLimit: 2, bucketWindowMs: 400 });
    const notifier = createNotifier([sinkFor()]);
    for (let n = 1; n <= 6; n++) await notifier.send(event(n));
    const report = await notifier.flush({ timeoutMs: 15_000 });
    expect(report).toMatchObject({ ok: true, delivered: 6 });
    expect(server.violations).toEqual([]);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // Windows start at requests 1, 3 and 5: each pair waited out the previous window.
    const at = server.requests.map((r) => r.at);
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(400);
    expect(at[4]! - at[2]!).toBeGreaterThanOrEqual(400);
    expect(runIdsOf(server.messages)).toEqual([
      'run-1',
      'run-2',
      'run-3',
      'run-4',
      'run-5',
      'run-6',
    ]);
  });

  it('on a 429 waits retry_after (seconds, a float) from the body, then delivers', async () => {
    server = await startDiscordLikeServer();
    server.queueFaults([{ kind: 'rate-limited', retryAfterSec: 0.35 }]);
    const notifier = createNotifier([sinkFor()]);
    const outcome = await notifier.send(event(1));
    const delivery = await outcome.delivery;
    expect(delivery.sinks[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(350);
    expect(server.violations).toEqual([]);
  });

  it('reads Retry-After from the header when the 429 body has no retry_after', async () => {
    server = await startDiscordLikeServer();
    server.queueFaults([{ kind: 'rate-limited', retryAfterSec: 0.4, via: 'header' }]);
    const notifier = createNotifier([sinkFor()]);
    await notifier.send(event(1));
    expect((await notifier.flush({ timeoutMs: 10_000 })).ok).toBe(true);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(400);
    expect(server.violations).toEqual([]);
  });

  it('holds back every webhook of the origin after a global 429', async () => {
    server = await startDiscordLikeServer();
    // Webhook 1's first answer is slow, so its second request comes after the client
    // has learnt of webhook 0's global limit and must wait for it.
    server.queueFaults([{ kind: 'rate-limited', retryAfterSec: 0.6, global: true }], 0);
    server.queueFaults([{ kind: 'slow', delayMs: 200 }], 1);
    const first = createNotifier([sinkFor(0)]);
    const second = createNotifier([sinkFor(1)]);
    await second.send(event(1));
    await server.waitForRequests(1);
    await first.send(event(2));
    await second.send(event(3));
    const [a, b] = await Promise.all([
      first.flush({ timeoutMs: 10_000 }),
      second.flush({ timeoutMs: 10_000 }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(server.violations).toEqual([]);
    const limited = server.requests.find((r) => r.status === 429)!;
    expect(limited.webhookId).toBe(server.webhooks[0]!.id);
    const afterLimit = server.requests.filter((r) => r.at > limited.at && r.status === 200);
    expect(afterLimit).toHaveLength(2);
    for (const r of afterLimit) expect(r.at - limited.at).toBeGreaterThanOrEqual(600);
  });

  it('fails an event fast when the wait asked for exceeds maxRateLimitWaitMs, sending nothing early', async () => {
    server = await startDiscordLikeServer();
    server.queueFaults([{ kind: 'rate-limited', retryAfterSec: 30 }]);
    const notifier = createNotifier([sinkFor(0, { maxRateLimitWaitMs: 1000 })]);
    await notifier.send(event(1));
    await notifier.send(event(2));
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ ok: false, delivered: 0, undelivered: 2, timedOut: false });
    expect(report.failures.map((f) => f.status)).toEqual(['failed', 'failed']);
    expect(report.failures[0]!.error).toMatch(
      /rate limited \(bucket \w+\): must wait 30\.0 s, more than maxRateLimitWaitMs \(1\.0 s\)/,
    );
    expect(report.durationMs).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('gives up on an event after maxRateLimitRetries 429s in a row', async () => {
    server = await startDiscordLikeServer();
    server.queueFaults([
      { kind: 'rate-limited', retryAfterSec: 0.05 },
      { kind: 'rate-limited', retryAfterSec: 0.05 },
      { kind: 'rate-limited', retryAfterSec: 0.05 },
    ]);
    const notifier = createNotifier([sinkFor(0, { maxRateLimitRetries: 2 })]);
    const delivery = await (await notifier.send(event(1))).delivery;
    expect(delivery.sinks[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'HTTP 429: still rate limited after 3 waits',
    });
    expect(server.violations).toEqual([]);
  });

  it('shares one queue and one rate limit between two sinks of the same webhook', async () => {
    server = await startDiscordLikeServer({ bucketLimit: 1, bucketWindowMs: 300 });
    const notifier = createNotifier([sinkFor(0), sinkFor(0)]);
    await notifier.send(event(1));
    await notifier.send(event(2));
    expect((await notifier.flush({ timeoutMs: 15_000 })).ok).toBe(true);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(server.violations).toEqual([]);
  });
});
