import { describe, expect, it } from 'vitest';
import { NotifierError } from '../notifier-error.js';
import { discord } from './discord-sink.js';

const url = 'https://discord.com/api/webhooks/123/aToken_abcdefghijklmnopqrstuvwxyz0123';

describe('discord()', () => {
  it('describes where it posts without the token, and serialises to that', () => {
    const sink = discord({ webhookUrl: url });
    expect(sink.name).toBe('discord');
    expect(sink.describe()).toBe('discord webhook 123 (discord.com)');
    expect(JSON.stringify(sink)).toBe(
      '{"name":"discord","target":"discord webhook 123 (discord.com)"}',
    );
    expect(sink.disabledReason).toBeUndefined();
  });

  it('refuses missing options and bad policy numbers as configuration errors', () => {
    expect(() => discord(undefined as never)).toThrow('discord() needs { webhookUrl }');
    expect(() => discord({ webhookUrl: url, retries: -1 })).toThrow(NotifierError);
    expect(() => discord({ webhookUrl: url, apiBase: 'http://example.com' })).toThrow(
      /^apiBase must be an https URL/,
    );
  });
});
