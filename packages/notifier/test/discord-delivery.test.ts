import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier, discord, embedTextLength } from '../src/index.js';
import { type DiscordLikeServer, startDiscordLikeServer } from './discord-like-server.js';
import { ALL_TYPES, event, runIdsOf } from './helpers.js';

let server: DiscordLikeServer;

beforeEach(async () => {
  server = await startDiscordLikeServer({ bucketLimit: 5, bucketWindowMs: 500 });
});
afterEach(() => server.close());

function sinkFor(i = 0, extra: Record<string, unknown> = {}) {
  return discord({ webhookUrl: server.webhookUrl(i), apiBase: server.apiBase, ...extra });
}

describe('the Discord sink against a Discord-like server', () => {
  it('posts one schema-valid embed per event with ?wait=true and mentions disabled', async () => {
    const notifier = createNotifier([sinkFor()]);
    const outcome = await notifier.send(
      event(1, {
        type: 'deploy.failed',
        reason: 'error rate 12% > 5% @everyone',
        durationMs: 65_000,
        url: 'https://github.com/n1v1/n1v1/actions/runs/42',
        message: 'canary failed',
        details: { errorRate: 0.12, p99Ms: 840, rolledBack: true },
      }),
    );
    expect(outcome.status).toBe('queued');
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(report).toMatchObject({ ok: true, delivered: 1, undelivered: 0, timedOut: false });
    expect(server.requests.map((r) => [r.status, r.wait])).toEqual([[200, 'true']]);
    expect(server.requests[0]!.userAgent).toMatch(/^DiscordBot \(/);
    const body = server.messages[0]!.body as Record<string, unknown>;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = (body.embeds as Array<Record<string, unknown>>)[0]!;
    expect(embed).toMatchObject({
      title: '❌ Deploy failed: n1v1 1.4.2 on staging',
      description: 'canary failed',
      url: 'https://github.com/n1v1/n1v1/actions/runs/42',
      color: 0xe74c3c,
      footer: { text: 'n1v1 · deploy.failed' },
    });
    expect(Date.parse(embed.timestamp as string)).not.toBeNaN();
    expect(embed.fields).toEqual([
      { name: 'Service', value: 'n1v1', inline: true },
      { name: 'Environment', value: 'staging', inline: true },
      { name: 'Version', value: '1.4.2', inline: true },
      { name: 'Run', value: 'run-1', inline: true },
      { name: 'Duration', value: '1m 05s', inline: true },
      { name: 'Reason', value: 'error rate 12% > 5% @everyone', inline: false },
      { name: 'errorRate', value: '0.12', inline: true },
      { name: 'p99Ms', value: '840', inline: true },
      { name: 'rolledBack', value: 'true', inline: true },
    ]);
  });

  it('delivers every event type in send order with exactly one request each', async () => {
    const notifier = createNotifier([sinkFor()]);
    const sent = [...ALL_TYPES, ...ALL_TYPES].map((type, n) => event(n, { type }));
    for (const e of sent) await notifier.send(e);
    const report = await notifier.flush({ timeoutMs: 15_000 });
    expect(report).toMatchObject({ ok: true, delivered: sent.length });
    expect(server.requests).toHaveLength(sent.length);
    expect(runIdsOf(server.messages)).toEqual(sent.map((e) => e.runId));
    expect(server.violations).toEqual([]);
    const colours = new Set(
      server.messages.map((m) => (m.body.embeds![0] as { color: number }).color),
    );
    expect(colours.size).toBe(ALL_TYPES.length);
  });

  it('cuts oversized text to Discord limits with an ellipsis instead of earning a 400', async () => {
    const notifier = createNotifier([sinkFor()]);
    const details = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`detail-${i}-${'k'.repeat(300)}`, 'v'.repeat(2000)]),
    );
    await notifier.send(
      event(1, {
        type: 'rollback.failed',
        service: 's'.repeat(400),
        reason: 'r'.repeat(10_000),
        message: `😀${'m'.repeat(9000)}`,
        details,
      }),
    );
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(report.ok).toBe(true);
    expect(server.requests.map((r) => r.status)).toEqual([200]);
    const embed = server.messages[0]!.body.embeds![0]!;
    expect(embedTextLength([embed])).toBeLessThanOrEqual(6000);
    expect(embed.fields).toHaveLength(25);
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.title!.endsWith('…')).toBe(true);
  });

  it('posts into the thread named by thread_id in the webhook URL', async () => {
    const notifier = createNotifier([
      discord({ webhookUrl: `${server.webhookUrl()}?thread_id=998877`, apiBase: server.apiBase }),
    ]);
    await notifier.send(event(1));
    expect((await notifier.flush()).ok).toBe(true);
    expect(server.requests[0]).toMatchObject({ threadId: '998877', wait: 'true', status: 200 });
  });

  it('resolves send while the request is still in flight, so a caller never waits on Discord', async () => {
    server.queueFaults([{ kind: 'slow', delayMs: 1500 }]);
    const notifier = createNotifier([sinkFor()]);
    let settled = false;
    const outcome = await notifier.send(event(1));
    outcome.delivery.then(() => (settled = true));
    expect(outcome).toMatchObject({ id: 1, status: 'queued' });
    expect(settled).toBe(false);
    expect(server.messages).toHaveLength(0);
    const delivery = await outcome.delivery;
    expect(delivery).toMatchObject({ id: 1, delivered: true });
    expect(delivery.sinks[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(server.messages).toHaveLength(1);
  });

  it('accepts a webhook URL on the origin of a local apiBase', async () => {
    const { id, token } = server.webhooks[0]!;
    const notifier = createNotifier([
      discord({
        webhookUrl: `${server.origin}/api/webhooks/${id}/${token}`,
        apiBase: server.apiBase,
      }),
    ]);
    await notifier.send(event(1));
    expect((await notifier.flush()).ok).toBe(true);
    expect(server.messages).toHaveLength(1);
  });
});
