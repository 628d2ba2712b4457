import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  consoleSink,
  createNotifier,
  describeFlushReport,
  discord,
  NotifierError,
  notifierFromEnv,
  parseDiscordWebhookUrl,
  renderDiscordMessage,
} from '../src/index.js';
import { type DiscordLikeServer, startDiscordLikeServer } from './discord-like-server.js';
import { event, everyRendering, memoryStream } from './helpers.js';

let server: DiscordLikeServer;

beforeEach(async () => {
  server = await startDiscordLikeServer();
});
afterEach(() => server.close());

function expectNoToken(text: string, token: string) {
  expect(text.length).toBeGreaterThan(0);
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.slice(0, 16));
}

describe('the webhook token never leaves the sink', () => {
  it('is absent from console output, outcomes, reports, sinks and the notifier after every kind of failure', async () => {
    const { token } = server.webhooks[0]!;
    const url = server.webhookUrl();
    server.queueFaults([
      { kind: 'status', status: 500 },
      { kind: 'reset' },
      { kind: 'rate-limited', retryAfterSec: 0.05 },
      { kind: 'status', status: 400 },
    ]);
    const stream = memoryStream();
    const sink = discord({
      webhookUrl: url,
      apiBase: server.apiBase,
      backoff: { baseMs: 10, maxMs: 20 },
    });
    const notifier = createNotifier([sink, consoleSink({ stream })]);
    const leaky = event(1, {
      type: 'deploy.failed',
      reason: `could not reach ${url}`,
      message: `token=${token} and Bearer ${token}`,
      details: { webhook: url },
    });
    const outcomes = [await notifier.send(leaky), await notifier.send(event(2))];
    const deliveries = await Promise.all(outcomes.map((o) => o.delivery));
    const report = await notifier.flush({ timeoutMs: 10_000 });
    expect(deliveries[0]!.sinks[0]!.status).toBe('failed');
    expect(report.undelivered).toBe(1);
    const printed = [
      stream.text(),
      everyRendering(outcomes),
      everyRendering(deliveries),
      everyRendering(report),
      describeFlushReport(report).join('\n'),
      everyRendering(sink),
      everyRendering(sink.webhook),
      everyRendering(notifier),
      notifier.describe().join('\n'),
      JSON.stringify(renderDiscordMessage(leaky)),
      ...server.messages.map((m) => JSON.stringify(m.body)),
    ].join('\n');
    expectNoToken(printed, token);
    expect(printed).toContain('/webhooks/123456789012345670/***');
  });

  it('is absent from the message, stack, cause and rendering of every malformed-URL error', () => {
    const token = 'Zx9SECRETtokenValue_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
    const malformed = [
      `http://discord.com/api/webhooks/123/${token}`,
      `https://evil.example/api/webhooks/123/${token}`,
      `https://discord.com/api/webhooks/abc/${token}`,
      `https://discord.com/webhooks/123/${token}`,
      `https://discord.com:8443/api/webhooks/123/${token}`,
      `https://me:${token}@discord.com/api/webhooks/123/abc`,
      `https://discord.com/api/webhooks/123/${token}?thread_id=${token}`,
      `not a url ${token}`,
      `http://127.0.0.1:9/api/webhooks/123/${token}`,
      '',
    ];
    for (const webhookUrl of malformed) {
      let thrown: unknown;
      try {
        discord({ webhookUrl });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(NotifierError);
      const error = thrown as NotifierError;
      expect(error.code).toBe('E_WEBHOOK_URL_INVALID');
      expect(error.cause).toBeUndefined();
      expect(error.message).toMatch(
        /^the Discord webhook URL .+; expected https:\/\/discord\.com\/api\/webhooks\/<id>\/<token>$/,
      );
      expectNoToken(
        [error.message, error.stack, inspect(error), JSON.stringify(error)].join('\n'),
        token,
      );
    }
  });

  it('is absent from the error notifierFromEnv throws, which names the variable', () => {
    const token = 'EnvSECRETtokenValue_0123456789abcdefghijklmnopqrstuvwxyz';
    expect(() =>
      notifierFromEnv({ DISCORD_WEBHOOK_URL: `https://example.com/api/webhooks/1/${token}` }),
    ).toThrow(/^DISCORD_WEBHOOK_URL must be on discord\.com .*not example\.com/);
    try {
      notifierFromEnv({ DISCORD_WEBHOOK_URL: `https://example.com/api/webhooks/1/${token}` });
    } catch (error) {
      expectNoToken(inspect(error), token);
    }
  });

  it('is kept out of the parsed webhook, which only shows its id', () => {
    const { token, id } = server.webhooks[0]!;
    const webhook = parseDiscordWebhookUrl(server.webhookUrl());
    expect(webhook.id).toBe(id);
    expect(Object.values(webhook)).not.toContain(token);
    expect(String(webhook)).toBe(`discord webhook ${id} (discord.com)`);
    expect(inspect(webhook)).toBe(`DiscordWebhook { discord webhook ${id} (discord.com) }`);
    expect(webhook.executeUrl()).toBe(
      `https://discord.com/api/v10/webhooks/${id}/${token}?wait=true`,
    );
    expectNoToken(everyRendering(webhook), token);
  });
});
