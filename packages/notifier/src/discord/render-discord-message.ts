import type { DeploymentEvent } from '../event.js';
import { EVENT_STYLES, eventHeadline } from '../event-style.js';
import { redact } from '../redact.js';
import { formatDuration } from '../text/format-duration.js';
import { oneLine } from '../text/truncate.js';
import { DISCORD_LIMITS, enforceDiscordLimits } from './discord-limits.js';
import type { DiscordEmbedField, DiscordMessage } from './discord-message.js';

export interface RenderDiscordOptions {
  /** Name shown as the poster instead of the webhook's own (1-80 characters). */
  username?: string;
  /** Avatar image URL shown beside the message (https). */
  avatarUrl?: string;
  /** Used when the event has no `timestamp` (ISO 8601). Default: now. */
  timestamp?: string;
}

/**
 * The exact JSON body the Discord sink POSTs for an event: one embed with a headline
 * title, the colour of the outcome, service/environment/version/run/duration/reason
 * fields, the event time and a link to the CI run; secrets in any text are redacted,
 * every limit is enforced and mentions are disabled. Use it for dry runs.
 */
export function renderDiscordMessage(
  event: DeploymentEvent,
  options: RenderDiscordOptions = {},
): DiscordMessage {
  const style = EVENT_STYLES[event.type] ?? EVENT_STYLES.info;
  const text = (value: unknown) => redact(String(value ?? ''));
  const fields: DiscordEmbedField[] = [
    { name: 'Service', value: text(event.service), inline: true },
    { name: 'Environment', value: text(event.environment), inline: true },
    { name: 'Version', value: text(event.version), inline: true },
    { name: 'Run', value: text(event.runId), inline: true },
  ];
  if (typeof event.durationMs === 'number' && Number.isFinite(event.durationMs)) {
    fields.push({ name: 'Duration', value: formatDuration(event.durationMs), inline: true });
  }
  if (event.reason) fields.push({ name: 'Reason', value: text(event.reason), inline: false });
  const link = ciRunLink(event.url);
  if (event.url && !link) fields.push({ name: 'CI run', value: text(event.url), inline: false });
  const details = Object.entries(event.details ?? {});
  const room = DISCORD_LIMITS.fields - fields.length;
  const shown = details.length > room ? details.slice(0, room - 1) : details;
  for (const [name, value] of shown) {
    fields.push({ name: text(name), value: text(value), inline: true });
  }
  if (shown.length < details.length) {
    fields.push({ name: 'More details', value: `${details.length - shown.length} not shown` });
  }
  const message: DiscordMessage = {
    embeds: [
      {
        title: oneLine(`${style.emoji} ${text(eventHeadline(event))}`),
        ...(event.message ? { description: text(event.message) } : {}),
        ...(link ? { url: link } : {}),
        color: style.color,
        timestamp: isoTimestamp(event.timestamp ?? options.timestamp),
        fields,
        footer: { text: `n1v1 · ${event.type}` },
      },
    ],
    allowed_mentions: { parse: [] },
  };
  if (options.username) message.username = options.username;
  if (options.avatarUrl && ciRunLink(options.avatarUrl)) message.avatar_url = options.avatarUrl;
  return enforceDiscordLimits(message);
}

/** The URL when it is an http(s) link Discord accepts as an embed URL, else undefined. */
function ciRunLink(url: string | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return redact(parsed.href) === parsed.href ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function isoTimestamp(value: string | undefined): string {
  const date = value === undefined ? new Date() : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}
