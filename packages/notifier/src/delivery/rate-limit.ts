/** What a response says about the rate limit, from Discord's documented headers. */
export interface RateLimitInfo {
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining?: number;
  /** Time until the window resets, in ms (`X-RateLimit-Reset-After`, else `X-RateLimit-Reset`). */
  resetAfterMs?: number;
  /** The bucket the route belongs to (`X-RateLimit-Bucket`). */
  bucket?: string;
}

/** How long a 429 asks to wait, and whether the limit is global (every route of the origin). */
export interface RetryAfter {
  waitMs: number;
  global: boolean;
}

/** When a 429 names no wait at all, wait this long, in ms. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

export function readRateLimitHeaders(headers: Headers, nowMs = Date.now()): RateLimitInfo {
  const info: RateLimitInfo = {};
  const remaining = number(headers.get('x-ratelimit-remaining'));
  if (remaining !== undefined) info.remaining = remaining;
  const resetAfter = number(headers.get('x-ratelimit-reset-after'));
  const resetAt = number(headers.get('x-ratelimit-reset'));
  if (resetAfter !== undefined) info.resetAfterMs = resetAfter * 1000;
  else if (resetAt !== undefined) info.resetAfterMs = Math.max(0, resetAt * 1000 - nowMs);
  const bucket = headers.get('x-ratelimit-bucket');
  if (bucket) info.bucket = bucket;
  return info;
}

/**
 * Reads a 429: `retry_after` (seconds, a float) from the JSON body, else the
 * `Retry-After` header (seconds or an HTTP date); `global` from the body or
 * `X-RateLimit-Global`.
 */
export function readRetryAfter(headers: Headers, body: string, nowMs = Date.now()): RetryAfter {
  const json = parseJson(body);
  const bodySeconds = typeof json?.retry_after === 'number' ? json.retry_after : undefined;
  const global = json?.global === true || headers.get('x-ratelimit-global') === 'true';
  const waitMs =
    bodySeconds !== undefined && bodySeconds >= 0
      ? bodySeconds * 1000
      : retryAfterHeaderMs(headers.get('retry-after'), nowMs);
  return { waitMs: waitMs ?? DEFAULT_RETRY_AFTER_MS, global };
}

/** The `Retry-After` header in ms (delta seconds or an HTTP date), or undefined. */
export function retryAfterHeaderMs(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = number(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function number(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
