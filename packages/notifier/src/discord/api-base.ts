import { NotifierError } from '../notifier-error.js';

/** Where Discord's API lives; requests use its versioned path. */
export const DEFAULT_DISCORD_API_BASE = 'https://discord.com/api/v10';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks an API base URL (`https://…`, or `http://` only on loopback, for a local
 * Discord-like server) and returns it without a trailing slash.
 */
export function parseApiBase(apiBase: string, label = 'apiBase'): URL {
  let url: URL;
  try {
    url = new URL(apiBase.trim());
  } catch {
    throw invalid(label);
  }
  const secure = url.protocol === 'https:';
  const local = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if ((!secure && !local) || url.username || url.password || url.search || url.hash) {
    throw invalid(label);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

function invalid(label: string): NotifierError {
  return new NotifierError(
    'E_CONFIG_INVALID',
    `${label} must be an https URL such as ${DEFAULT_DISCORD_API_BASE}, or http on loopback ` +
      '(http://127.0.0.1:PORT/api) for a local Discord-like server, without credentials or query',
  );
}
