import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifierFromEnv } from '../src/index.js';
import { type DiscordLikeServer, startDiscordLikeServer } from './discord-like-server.js';
import { event, memoryStream } from './helpers.js';

let server: DiscordLikeServer;

beforeEach(async () => {
  server = await startDiscordLikeServer();
});
afterEach(() => server.close());

describe('notifierFromEnv', () => {
  it('sends to the console alone when DISCORD_WEBHOOK_URL is not set', async () => {
    const stream = memoryStream();
    const notifier = notifierFromEnv({ DISCORD_WEBHOOK_URL: '  ' }, { stream });
    expect(notifier.describe()).toEqual(['console (stream)']);
    await notifier.send(event(1, { timestamp: '2025-05-01T10:00:00.000Z' }));
    expect((await notifier.flush()).ok).toBe(true);
    expect(stream.text()).toBe(
      '2025-05-01T10:00:00.000Z deploy.started Deploy started: n1v1 1.4.2 on staging · run run-1\n',
    );
  });

  it('adds Discord when DISCORD_WEBHOOK_URL is set, sent to N1V1_DISCORD_API_BASE when given', async () => {
    const stream = memoryStream();
    const notifier = notifierFromEnv(
      { DISCORD_WEBHOOK_URL: server.webhookUrl(), N1V1_DISCORD_API_BASE: server.apiBase },
      { stream, discord: { retries: 1 } },
    );
    expect(notifier.describe()).toEqual([
      `discord webhook ${server.webhooks[0]!.id} (discord.com) via ${server.apiBase}`,
      'console (stream)',
    ]);
    await notifier.send(event(1));
    expect((await notifier.flush()).ok).toBe(true);
    expect(server.messages).toHaveLength(1);
    expect(stream.text()).toContain('run run-1');
  });

  it('names N1V1_DISCORD_API_BASE when it is not an https or loopback URL', () => {
    expect(() =>
      notifierFromEnv({
        DISCORD_WEBHOOK_URL: server.webhookUrl(),
        N1V1_DISCORD_API_BASE: 'http://example.com/api',
      }),
    ).toThrow(/^N1V1_DISCORD_API_BASE must be an https URL/);
  });

  it('writes the console sink to stderr by default', () => {
    expect(notifierFromEnv({}).describe()).toEqual(['console (stderr)']);
  });
});
