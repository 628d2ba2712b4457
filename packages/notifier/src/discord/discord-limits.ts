import { truncate } from '../text/truncate.js';
import type { DiscordEmbed, DiscordMessage } from './discord-message.js';

/** Discord's documented message limits, in characters (counted here as UTF-16 code units). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedTotal: 6000,
  username: 80,
} as const;

// Discord rejects an empty field name or value; a zero-width space is its usual stand-in.
const BLANK = '\u200b';

interface TextSlot {
  get(): string;
  set(text: string): void;
}

/**
 * Returns a copy of the message that fits every limit, cutting text with an ellipsis
 * (never by letting Discord answer 400). When all embeds together exceed 6000
 * characters, descriptions shrink first, then field values from the last, then field
 * names, footers, authors and titles.
 */
export function enforceDiscordLimits(message: DiscordMessage): DiscordMessage {
  const out: DiscordMessage = { ...message, allowed_mentions: { parse: [] } };
  if (out.content !== undefined) out.content = truncate(out.content, DISCORD_LIMITS.content);
  if (out.username !== undefined) {
    out.username = truncate(out.username, DISCORD_LIMITS.username);
    if (out.username.trim() === '') delete out.username;
  }
  if (out.embeds) {
    out.embeds = out.embeds.slice(0, DISCORD_LIMITS.embeds).map(limitEmbed);
    shrinkToTotal(out.embeds);
  }
  return out;
}

function limitEmbed(embed: DiscordEmbed): DiscordEmbed {
  const out: DiscordEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, DISCORD_LIMITS.title);
  if (out.description !== undefined) {
    out.description = truncate(out.description, DISCORD_LIMITS.description);
  }
  if (out.fields) {
    out.fields = out.fields.slice(0, DISCORD_LIMITS.fields).map((field) => ({
      ...field,
      name: truncate(field.name, DISCORD_LIMITS.fieldName) || BLANK,
      value: truncate(field.value, DISCORD_LIMITS.fieldValue) || BLANK,
    }));
  }
  if (out.footer) {
    out.footer = { ...out.footer, text: truncate(out.footer.text, DISCORD_LIMITS.footerText) };
  }
  if (out.author) {
    out.author = { ...out.author, name: truncate(out.author.name, DISCORD_LIMITS.authorName) };
  }
  return out;
}

/** Characters Discord counts towards the 6000 limit of a message's embeds. */
export function embedTextLength(embeds: readonly DiscordEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
    0,
  );
}

function shrinkToTotal(embeds: DiscordEmbed[]): void {
  let excess = embedTextLength(embeds) - DISCORD_LIMITS.embedTotal;
  for (const slot of slotsInShrinkOrder(embeds)) {
    if (excess <= 0) return;
    const text = slot.get();
    const next = truncate(text, Math.max(1, text.length - excess));
    excess -= text.length - next.length;
    slot.set(next);
  }
}

function slotsInShrinkOrder(embeds: DiscordEmbed[]): TextSlot[] {
  const reversed = [...embeds].reverse();
  const fields = reversed.flatMap((e) => [...(e.fields ?? [])].reverse());
  return [
    ...reversed.flatMap((e) =>
      e.description === undefined
        ? []
        : [{ get: () => e.description ?? '', set: (t: string) => (e.description = t) }],
    ),
    ...fields.map((f) => ({ get: () => f.value, set: (t: string) => (f.value = t) })),
    ...fields.map((f) => ({ get: () => f.name, set: (t: string) => (f.name = t) })),
    ...reversed.flatMap((e) => {
      const footer = e.footer;
      return footer ? [{ get: () => footer.text, set: (t: string) => (footer.text = t) }] : [];
    }),
    ...reversed.flatMap((e) => {
      const author = e.author;
      return author ? [{ get: () => author.name, set: (t: string) => (author.name = t) }] : [];
    }),
    ...reversed.flatMap((e) =>
      e.title === undefined
        ? []
        : [{ get: () => e.title ?? '', set: (t: string) => (e.title = t) }],
    ),
  ];
}
