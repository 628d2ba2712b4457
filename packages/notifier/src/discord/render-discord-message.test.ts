import { describe, expect, it } from 'vitest';
import { executeWebhookProblems } from '../../test/discord-body-validator.js';
import { EVENT_TYPES } from '../event.js';
import { renderDiscordMessage } from './render-discord-message.js';

const base = { service: 'n1v1', environment: 'staging', version: '1.4.2', runId: '42' } as const;

describe('renderDiscordMessage', () => {
  it('renders every event type to a body Discord accepts, with its own colour', () => {
    const colours = EVENT_TYPES.map((type) => {
      const message = renderDiscordMessage({ ...base, type });
      expect(executeWebhookProblems(message)).toEqual([]);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      return message.embeds![0]!.color;
    });
    expect(new Set(colours).size).toBe(EVENT_TYPES.length);
  });

  it('uses the event timestamp, a given one, or now', () => {
    const at = '2025-05-01T10:00:00.000Z';
    expect(
      renderDiscordMessage({ ...base, type: 'info', timestamp: at }).embeds![0]!.timestamp,
    ).toBe(at);
    expect(
      renderDiscordMessage({ ...base, type: 'info' }, { timestamp: '2025-05-01T12:00:00+02:00' })
        .embeds![0]!.timestamp,
    ).toBe(at);
    const now = Date.parse(
      renderDiscordMessage({ ...base, type: 'info', timestamp: 'garbage' }).embeds![0]!.timestamp!,
    );
    expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
  });

  it('links the CI run from the title, or shows a link that is not http(s) as a field', () => {
    const linked = renderDiscordMessage({
      ...base,
      type: 'deploy.started',
      url: 'https://ci.example/run/42',
    });
    expect(linked.embeds![0]!.url).toBe('https://ci.example/run/42');
    const odd = renderDiscordMessage({ ...base, type: 'deploy.started', url: 'ci-run 42' });
    expect(odd.embeds![0]!.url).toBeUndefined();
    expect(odd.embeds![0]!.fields!.at(-1)).toEqual({
      name: 'CI run',
      value: 'ci-run 42',
      inline: false,
    });
    const secret = renderDiscordMessage({
      ...base,
      type: 'deploy.started',
      url: 'https://ci.example/run?token=abc',
    });
    expect(secret.embeds![0]!.url).toBeUndefined();
    expect(JSON.stringify(secret)).not.toContain('token=abc');
  });

  it('keeps within 25 fields when there are many details, saying how many were left out', () => {
    const details = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const fields = renderDiscordMessage({
      ...base,
      type: 'info',
      reason: 'why',
      durationMs: 5,
      details,
    }).embeds![0]!.fields!;
    expect(fields).toHaveLength(25);
    expect(fields.at(-1)).toEqual({ name: 'More details', value: '12 not shown' });
  });

  it('sets the poster name and an http(s) avatar when asked', () => {
    const message = renderDiscordMessage(
      { ...base, type: 'info' },
      { username: 'n1v1 deploys', avatarUrl: 'https://x.example/a.png' },
    );
    expect(message).toMatchObject({
      username: 'n1v1 deploys',
      avatar_url: 'https://x.example/a.png',
    });
    expect(
      renderDiscordMessage({ ...base, type: 'info' }, { avatarUrl: 'javascript:alert(1)' })
        .avatar_url,
    ).toBeUndefined();
  });
});
