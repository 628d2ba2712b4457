import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier, type DiscordSinkOptions, discord } from '../src/index.js';
import { type DiscordLikeServer, startDiscordLikeServer } from './discord-like-server.js';
import { event } from './helpers.js';

let server: DiscordLikeServer;

beforeEach(async () => {
  server = await startDiscordLikeServer();
});
afterEach(() => server.close());

const fastRetries = { backoff: { baseMs: 20, maxMs: 100 } };

function sinkFor(extra: Partial<DiscordSinkOptions> = {}, i = 0) {
  return discord({
    webhookUrl: server.webhookUrl(i),
    apiBase: server.apiBase,
    ...fastRetries,
    ...extra,
  });
}

async function deliverOne(sinkOptions: Partial<DiscordSinkOptions> = {}) {
  const notifier = createNotifier([sinkFor(sinkOptions)]);
  const delivery = await (await notifier.send(event(1))).delivery;
  return delivery.sinks[0]!;
}

describe('Discord failures', () => {
  it('retries a 500, a reset connection and a 503 with backoff, then delivers exactly once', async () => {
    server.queueFaults([
      { kind: 'status', status: 500 },
      { kind: 'reset' },
      { kind: 'status', status: 503 },
    ]);
    const result = await deliverOne();
    expect(result).toMatchObject({ status: 'delivered', attempts: 4 });
    expect(server.requests.map((r) => r.status)).toEqual([500, -1, 503, 200]);
    expect(server.messages).toHaveLength(1);
  });

  it('gives up after the configured number of retries and says why', async () => {
    server.queueFaults([
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
    ]);
    const result = await deliverOne({ retries: 1 });
    expect(result.status).toBe('failed');
    expect(result.error).toBe('HTTP 502: Internal Server Error (gave up after 2 attempts)');
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a 4xx other than 429', async () => {
    server.queueFaults([
      { kind: 'status', status: 400 },
      { kind: 'status', status: 403 },
    ]);
    const notifier = createNotifier([sinkFor()]);
    await notifier.send(event(1));
    await notifier.send(event(2));
    await notifier.send(event(3));
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ delivered: 1, undelivered: 2 });
    expect(report.failures.map((f) => f.error)).toEqual([
      'HTTP 400: Internal Server Error',
      'HTTP 403: Internal Server Error',
    ]);
    expect(server.requests.map((r) => r.status)).toEqual([400, 403, 200]);
  });

  it('stops using a webhook that answers 404 and says why, sending nothing more to it', async () => {
    const notifier = createNotifier([
      discord({
        // Split so that no literal in the repository looks like a real webhook URL.
        webhookUrl: `https://discord.com/api/webhooks/999999999999999999/${'NoSuchWebhookToken'}_abcdefgh`,
        apiBase: server.apiBase,
      }),
    ]);
    for (let n = 1; n <= 3; n++) await notifier.send(event(n));
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(server.requests.map((r) => r.status)).toEqual([404]);
    expect(report.undelivered).toBe(3);
    for (const failure of report.failures) {
      expect(failure.error).toBe(
        'HTTP 404: Unknown Webhook (code 10015): the webhook was deleted or its URL is wrong; ' +
          'discord webhook 999999999999999999 (discord.com) is disabled',
      );
    }
    expect((notifier.sinks[0] as ReturnType<typeof discord>).disabledReason).toMatch(/disabled$/);
  });

  it('stops using a webhook whose token Discord refuses with 401', async () => {
    const { id } = server.webhooks[1]!;
    const sink = discord({
      webhookUrl: `https://discord.com/api/webhooks/${id}/WrongToken_0123456789abcdef`,
      apiBase: server.apiBase,
    });
    const notifier = createNotifier([sink]);
    await notifier.send(event(1));
    await notifier.send(event(2));
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(server.requests.map((r) => r.status)).toEqual([401]);
    expect(report.failures[1]!.error).toMatch(
      /^HTTP 401: Invalid Webhook Token \(code 50027\): the webhook token is wrong or was regenerated/,
    );
  });

  it('waits for a slow answer that comes within the request timeout', async () => {
    server.queueFaults([{ kind: 'slow', delayMs: 300 }]);
    expect(await deliverOne({ requestTimeoutMs: 5000 })).toMatchObject({
      status: 'delivered',
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('aborts a request that outlives requestTimeoutMs and retries it', async () => {
    server.queueFaults([{ kind: 'slow', delayMs: 3000 }]);
    const result = await deliverOne({ requestTimeoutMs: 300 });
    expect(result).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(server.requests[0]!.clientClosed).toBe(true);
    expect(server.messages).toHaveLength(1);
  });

  it('says "no answer within" when every attempt times out', async () => {
    server.queueFaults([
      { kind: 'slow', delayMs: 3000 },
      { kind: 'slow', delayMs: 3000 },
    ]);
    const result = await deliverOne({ requestTimeoutMs: 200, retries: 1 });
    expect(result).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: 'no answer within 200 ms (gave up after 2 attempts)',
    });
  });

  it('retries a refused connection and reports it in one line', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const notifier = createNotifier([
      discord({
        webhookUrl: server.webhookUrl(),
        apiBase: `http://127.0.0.1:${port}/api/v10`,
        retries: 2,
        ...fastRetries,
      }),
    ]);
    const delivery = await (await notifier.send(event(1))).delivery;
    expect(delivery.sinks[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'network error: connection refused (ECONNREFUSED) (gave up after 3 attempts)',
    });
  });
});
