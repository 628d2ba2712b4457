import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifier, discord, type Sink } from '../src/index.js';
import { type DiscordLikeServer, startDiscordLikeServer } from './discord-like-server.js';
import { event } from './helpers.js';

let server: DiscordLikeServer;

beforeEach(async () => {
  server = await startDiscordLikeServer();
});
afterEach(() => server.close());

function sink() {
  return discord({
    webhookUrl: server.webhookUrl(),
    apiBase: server.apiBase,
    requestTimeoutMs: 30_000,
  });
}

describe('flush deadlines', () => {
  it('returns by its deadline, aborts the request in flight and reports what was not delivered', async () => {
    server.queueFaults([{ kind: 'slow', delayMs: 20_000 }]);
    const notifier = createNotifier([sink()]);
    for (let n = 1; n <= 3; n++) await notifier.send(event(n));
    await server.waitForRequests(1);
    const started = performance.now();
    const report = await notifier.flush({ timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(report).toMatchObject({ ok: false, delivered: 0, undelivered: 3, timedOut: true });
    expect(report.failures.map((f) => [f.id, f.status, f.error])).toEqual([
      [1, 'abandoned', 'deadline passed during a request'],
      [2, 'abandoned', 'deadline passed while queued'],
      [3, 'abandoned', 'deadline passed while queued'],
    ]);
    await vi.waitFor(() => expect(server.requests[0]!.clientClosed).toBe(true));
    expect(server.requests).toHaveLength(1);
  });

  it('cuts a long rate-limit wait short at the deadline', async () => {
    server.queueFaults([{ kind: 'rate-limited', retryAfterSec: 20 }]);
    const notifier = createNotifier([sink()]);
    await notifier.send(event(1));
    const report = await notifier.flush({ timeoutMs: 300 });
    expect(report.durationMs).toBeLessThan(3000);
    expect(report.failures[0]).toMatchObject({
      status: 'abandoned',
      error: 'deadline passed while waiting for the rate limit to reset',
    });
  });

  it('keeps working after a deadline: later events are delivered by a later flush', async () => {
    server.queueFaults([{ kind: 'slow', delayMs: 20_000 }]);
    const notifier = createNotifier([sink()]);
    await notifier.send(event(1));
    await server.waitForRequests(1);
    expect((await notifier.flush({ timeoutMs: 100 })).undelivered).toBe(1);
    await notifier.send(event(2));
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ ok: true, delivered: 1, undelivered: 0 });
    expect(server.messages).toHaveLength(1);
  });

  it('reports each event in exactly one flush, and an empty flush as ok at once', async () => {
    const notifier = createNotifier([sink()]);
    expect(await notifier.flush()).toMatchObject({
      ok: true,
      delivered: 0,
      undelivered: 0,
      failures: [],
    });
    await notifier.send(event(1));
    expect((await notifier.flush()).delivered).toBe(1);
    expect((await notifier.flush()).delivered).toBe(0);
  });

  it('writes off a sink that ignores the abort signal right after the deadline', async () => {
    const stubborn: Sink = {
      name: 'stubborn',
      describe: () => 'a sink that never finishes',
      deliver: () => new Promise(() => {}),
    };
    const notifier = createNotifier([stubborn], { flushTimeoutMs: 200 });
    await notifier.send(event(1));
    await notifier.send(event(2));
    const report = await notifier.flush();
    expect(report.durationMs).toBeLessThan(3000);
    expect(report.failures.map((f) => [f.sink, f.status, f.error])).toEqual([
      ['a sink that never finishes', 'abandoned', 'deadline passed'],
      ['a sink that never finishes', 'abandoned', 'deadline passed while queued'],
    ]);
  });
});
