import { createNotifier } from './create-notifier.js';
import { parseApiBase } from './discord/api-base.js';
import type { Notifier } from './notifier-types.js';
import type { Sink } from './sink.js';
import { type ConsoleSinkOptions, consoleSink } from './sinks/console-sink.js';
import { type DiscordSinkOptions, discord } from './sinks/discord-sink.js';

export interface NotifierFromEnvOptions {
  /** Stream of the console sink. Default `process.stderr`. */
  stream?: ConsoleSinkOptions['stream'];
  /** Options of the Discord sink besides the URL (retries, timeouts, username). */
  discord?: Omit<DiscordSinkOptions, 'webhookUrl' | 'apiBase' | 'label'>;
  /** Deadline of `flush()` without a `timeoutMs`, in ms. Default 5000. */
  flushTimeoutMs?: number;
}

/**
 * The notifier a deployment tool wants from its environment: a Discord sink when
 * `DISCORD_WEBHOOK_URL` is set (sent to `N1V1_DISCORD_API_BASE` instead of Discord when
 * that is set, for a local Discord-like server), and always a console sink. Throws
 * `E_WEBHOOK_URL_INVALID` / `E_CONFIG_INVALID` for a malformed value, naming the variable.
 */
export function notifierFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: NotifierFromEnvOptions = {},
): Notifier {
  const sinks: Sink[] = [];
  const webhookUrl = env.DISCORD_WEBHOOK_URL?.trim();
  if (webhookUrl) {
    const apiBase = env.N1V1_DISCORD_API_BASE?.trim() || undefined;
    if (apiBase) parseApiBase(apiBase, 'N1V1_DISCORD_API_BASE');
    sinks.push(discord({ ...options.discord, webhookUrl, apiBase, label: 'DISCORD_WEBHOOK_URL' }));
  }
  sinks.push(consoleSink({ stream: options.stream }));
  return createNotifier(sinks, { flushTimeoutMs: options.flushTimeoutMs });
}
