import { describe, expect, it } from 'vitest';
import { NotifierError } from '../notifier-error.js';
import { parseApiBase } from './api-base.js';
import { parseDiscordWebhookUrl } from './parse-webhook-url.js';

const TOKEN = 'aBcD_efGh-1234567890ijklmnopQRSTUVwxyz';

function messageFor(url: string, options = {}): string {
  try {
    parseDiscordWebhookUrl(url, options);
  } catch (error) {
    expect(error).toBeInstanceOf(NotifierError);
    expect((error as NotifierError).code).toBe('E_WEBHOOK_URL_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected E_WEBHOOK_URL_INVALID');
}

describe('parseDiscordWebhookUrl', () => {
  it('accepts every host and path form Discord hands out, and sends to the v10 API', () => {
    for (const host of [
      'discord.com',
      'discordapp.com',
      'canary.discord.com',
      'ptb.discord.com',
      'ptb.discordapp.com',
    ]) {
      for (const path of ['/api/webhooks', '/api/v10/webhooks', '/api/v9/webhooks']) {
        const webhook = parseDiscordWebhookUrl(
          `  https://${host}${path}/123456789012345678/${TOKEN}/ `,
        );
        expect(webhook).toMatchObject({ id: '123456789012345678', host, threadId: undefined });
        expect(webhook.executeUrl()).toBe(
          `https://discord.com/api/v10/webhooks/123456789012345678/${TOKEN}?wait=true`,
        );
      }
    }
  });

  it('keeps thread_id and ignores wait= in the query', () => {
    const webhook = parseDiscordWebhookUrl(
      `https://discord.com/api/webhooks/1/${TOKEN}?wait=false&thread_id=77`,
    );
    expect(webhook.threadId).toBe('77');
    expect(webhook.executeUrl()).toBe(
      `https://discord.com/api/v10/webhooks/1/${TOKEN}?wait=true&thread_id=77`,
    );
    expect(webhook.describe()).toBe('discord webhook 1 thread 77 (discord.com)');
  });

  it('says what is wrong without repeating the URL', () => {
    expect(messageFor('')).toBe(
      'the Discord webhook URL is empty; expected https://discord.com/api/webhooks/<id>/<token>',
    );
    expect(messageFor(`discord.com/api/webhooks/1/${TOKEN}`)).toMatch(
      /^the Discord webhook URL is not a URL;/,
    );
    expect(messageFor(`http://discord.com/api/webhooks/1/${TOKEN}`)).toMatch(
      /must use https, not http;/,
    );
    expect(messageFor(`https://discord.example/api/webhooks/1/${TOKEN}`)).toMatch(
      /must be on discord\.com \(or discordapp\.com, canary\.\/ptb\.\), not discord\.example \(for a local Discord-like server set apiBase/,
    );
    expect(messageFor(`https://discord.com:444/api/webhooks/1/${TOKEN}`)).toMatch(
      /must not name a port;/,
    );
    expect(messageFor(`https://a:b@discord.com/api/webhooks/1/${TOKEN}`)).toMatch(
      /must not contain a user name or password;/,
    );
    expect(messageFor(`https://discord.com/api/webhooks/x1/${TOKEN}`)).toMatch(
      /does not have the \/api\/webhooks\/<id>\/<token> path;/,
    );
    expect(messageFor('https://discord.com/api/webhooks/1')).toMatch(/does not have the/);
    expect(messageFor(`https://discord.com/api/webhooks/1/${TOKEN}?thread_id=general`)).toMatch(
      /thread_id that is not a Discord id/,
    );
    expect(messageFor('https://x.example/', { label: 'DISCORD_WEBHOOK_URL' })).toMatch(
      /^DISCORD_WEBHOOK_URL must be on/,
    );
    expect(messageFor(undefined as unknown as string)).toMatch(/is empty;/);
  });

  it('with a loopback apiBase, accepts a webhook URL on that origin and posts to it as given', () => {
    const webhook = parseDiscordWebhookUrl(`http://127.0.0.1:9000/api/webhooks/5/${TOKEN}`, {
      apiBase: 'http://127.0.0.1:9000/api/v10/',
    });
    expect(webhook.executeUrl()).toBe(`http://127.0.0.1:9000/api/webhooks/5/${TOKEN}?wait=true`);
    const discordUrl = parseDiscordWebhookUrl(`https://discord.com/api/webhooks/5/${TOKEN}`, {
      apiBase: 'http://127.0.0.1:9000/api/v10/',
    });
    expect(discordUrl.executeUrl()).toBe(
      `http://127.0.0.1:9000/api/v10/webhooks/5/${TOKEN}?wait=true`,
    );
    expect(
      messageFor(`http://127.0.0.1:9000/api/hooks/5/${TOKEN}`, {
        apiBase: 'http://127.0.0.1:9000',
      }),
    ).toMatch(/does not have the/);
  });

  it('points a loopback webhook URL without apiBase at the way to use a local server', () => {
    expect(messageFor(`http://127.0.0.1:9001/api/webhooks/5/${TOKEN}`)).toBe(
      'the Discord webhook URL points at a local server: set apiBase (N1V1_DISCORD_API_BASE) to its ' +
        'origin, e.g. http://127.0.0.1:9001/api, to send there; without it only https Discord hosts ' +
        'are accepted; expected https://discord.com/api/webhooks/<id>/<token>',
    );
  });
});

describe('parseApiBase', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(parseApiBase('https://proxy.example/discord/api/').href).toBe(
      'https://proxy.example/discord/api',
    );
    expect(parseApiBase('http://localhost:3000/api').href).toBe('http://localhost:3000/api');
    expect(parseApiBase('http://127.0.0.2:3000').origin).toBe('http://127.0.0.2:3000');
    expect(parseApiBase('http://[::1]:3000/api').hostname).toBe('[::1]');
    for (const bad of [
      'http://example.com/api',
      'ftp://127.0.0.1/',
      'https://u:p@x.example/',
      'https://x.example/?a=1',
      'nope',
    ]) {
      expect(() => parseApiBase(bad)).toThrow(/^apiBase must be an https URL/);
    }
  });
});
