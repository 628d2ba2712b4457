import { describe, expect, it } from 'vitest';
import { executeWebhookProblems } from '../../test/discord-body-validator.js';
import { DISCORD_LIMITS, embedTextLength, enforceDiscordLimits } from './discord-limits.js';
import type { DiscordEmbed } from './discord-message.js';

const long = (n: number, c = 'x') => c.repeat(n);

describe('enforceDiscordLimits', () => {
  it('cuts every field to its own limit with an ellipsis', () => {
    const out = enforceDiscordLimits({
      content: long(2500),
      username: long(100),
      allowed_mentions: { parse: ['everyone'] },
      embeds: [
        {
          title: long(300),
          description: long(5000),
          fields: Array.from({ length: 30 }, () => ({ name: long(10), value: long(10) })),
          footer: { text: long(3000) },
          author: { name: long(300) },
        },
      ],
    });
    expect(out.content).toHaveLength(2000);
    expect(out.content!.endsWith('…')).toBe(true);
    expect(out.username).toHaveLength(80);
    expect(out.allowed_mentions).toEqual({ parse: [] });
    const embed = out.embeds![0]!;
    expect(embed.title).toHaveLength(256);
    expect(embed.fields).toHaveLength(25);
    expect(embed.footer!.text.length).toBeLessThanOrEqual(2048);
    expect(embed.author!.name).toHaveLength(256);
    expect(executeWebhookProblems(out)).toEqual([]);
  });

  it('keeps all embeds together within 6000 characters, shrinking descriptions first', () => {
    const embeds: DiscordEmbed[] = Array.from({ length: 12 }, (_, i) => ({
      title: `embed ${i}`,
      description: long(1000),
      fields: [{ name: 'a', value: long(100) }],
    }));
    const out = enforceDiscordLimits({ embeds, allowed_mentions: { parse: [] } });
    expect(out.embeds).toHaveLength(DISCORD_LIMITS.embeds);
    expect(embedTextLength(out.embeds!)).toBeLessThanOrEqual(6000);
    expect(out.embeds!.map((e) => e.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `embed ${i}`),
    );
    expect(out.embeds![0]!.description!.length).toBeGreaterThan(
      out.embeds![9]!.description!.length,
    );
    expect(executeWebhookProblems(out)).toEqual([]);
    expect(out.embeds![0]!.description).toHaveLength(1000);
    expect(out.embeds![0]!.fields![0]!.value).toHaveLength(100);
    expect(embeds[9]!.description).toHaveLength(1000);
  });

  it('shrinks field names, footers, authors and titles too when that is what it takes', () => {
    const embeds: DiscordEmbed[] = Array.from({ length: 10 }, () => ({
      title: long(256),
      fields: Array.from({ length: 25 }, () => ({ name: long(256), value: long(1024) })),
      footer: { text: long(2048) },
      author: { name: long(256) },
    }));
    const out = enforceDiscordLimits({ embeds, allowed_mentions: { parse: [] } });
    expect(embedTextLength(out.embeds!)).toBeLessThanOrEqual(6000);
    expect(executeWebhookProblems(out)).toEqual([]);
  });

  it('stands in for an empty field and drops an empty username', () => {
    const out = enforceDiscordLimits({
      username: ' ',
      embeds: [{ fields: [{ name: '', value: '' }] }],
      allowed_mentions: { parse: [] },
    });
    expect(out.username).toBeUndefined();
    expect(out.embeds![0]!.fields).toEqual([{ name: '\u200b', value: '\u200b' }]);
  });
});
