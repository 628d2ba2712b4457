import { NotifierError } from '../notifier-error.js';
import { redact } from '../redact.js';
import { DEFAULT_DISCORD_API_BASE, isLoopbackHost, parseApiBase } from './api-base.js';
import { DiscordWebhook } from './discord-webhook.js';

/** Hosts that serve Discord's API; the webhook URL Discord hands out uses one of them. */
export const DISCORD_HOSTS: readonly string[] = [
  'discord.com',
  'discordapp.com',
  'canary.discord.com',
  'ptb.discord.com',
  'canary.discordapp.com',
  'ptb.discordapp.com',
];

export interface ParseWebhookUrlOptions {
  /**
   * Send to this API base instead of `https://discord.com/api/v10`: https, or http on
   * loopback for a local Discord-like server. A webhook URL on the same origin is then
   * accepted too, and used as given. Default: Discord.
   */
  apiBase?: string;
  /** How messages name the URL, e.g. `DISCORD_WEBHOOK_URL`. Default: `the Discord webhook URL`. */
  label?: string;
}

const EXAMPLE = 'https://discord.com/api/webhooks/<id>/<token>';
const DISCORD_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{1,25})\/([A-Za-z0-9._-]+)\/?$/;
const ANY_PREFIX_PATH = /^((?:\/[^/]+)*)\/webhooks\/(\d{1,25})\/([A-Za-z0-9._-]+)\/?$/;

/**
 * Parses a Discord execute-webhook URL once into id, token and thread. Accepts
 * discord.com and discordapp.com (and their canary./ptb. hosts), `/api/webhooks/…` with or
 * without a version, and `?thread_id=`. Throws `E_WEBHOOK_URL_INVALID` with a message that
 * names what is wrong and never repeats the token.
 */
export function parseDiscordWebhookUrl(
  webhookUrl: string,
  options: ParseWebhookUrlOptions = {},
): DiscordWebhook {
  const label = options.label ?? 'the Discord webhook URL';
  const fail = (what: string) =>
    new NotifierError('E_WEBHOOK_URL_INVALID', `${label} ${what}; expected ${EXAMPLE}`);
  const base = parseApiBase(options.apiBase ?? DEFAULT_DISCORD_API_BASE);
  if (typeof webhookUrl !== 'string' || webhookUrl.trim() === '') throw fail('is empty');
  let url: URL;
  try {
    url = new URL(webhookUrl.trim());
  } catch {
    throw fail('is not a URL');
  }
  const sameOriginAsBase = options.apiBase !== undefined && url.origin === base.origin;
  if (!sameOriginAsBase) {
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
      throw fail(
        'points at a local server: set apiBase (N1V1_DISCORD_API_BASE) to its origin, e.g. ' +
          `${url.origin}/api, to send there; without it only https Discord hosts are accepted`,
      );
    }
    if (url.protocol !== 'https:') throw fail(`must use https, not ${url.protocol.slice(0, -1)}`);
    if (!DISCORD_HOSTS.includes(url.hostname)) {
      throw fail(
        `must be on discord.com (or discordapp.com, canary./ptb.), not ${redact(url.hostname)} ` +
          '(for a local Discord-like server set apiBase / N1V1_DISCORD_API_BASE to its origin)',
      );
    }
    if (url.port) throw fail('must not name a port');
  }
  if (url.username || url.password) throw fail('must not contain a user name or password');
  // On the apiBase's own origin the URL is used as given: its path prefix wins.
  const local = sameOriginAsBase ? ANY_PREFIX_PATH.exec(url.pathname) : null;
  const match = local ? local.slice(1) : DISCORD_PATH.exec(url.pathname)?.slice(1);
  if (!match) throw fail('does not have the /api/webhooks/<id>/<token> path');
  const [prefix, id, token] = local ? match : ['', ...match];
  const threadId = url.searchParams.get('thread_id') ?? undefined;
  if (threadId !== undefined && !/^\d{1,25}$/.test(threadId)) {
    throw fail('has a thread_id that is not a Discord id (digits only)');
  }
  return new DiscordWebhook({
    id: id!,
    token: token!,
    threadId,
    host: url.host,
    apiBase: local ? `${url.origin}${prefix}` : base.href.replace(/\/+$/, ''),
  });
}
