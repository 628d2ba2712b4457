/** Retry policy for 5xx answers and network errors. */
export interface BackoffOptions {
  /** First delay before jitter, in ms. Default 250. */
  baseMs: number;
  /** Longest delay, in ms. Default 5000. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 5000 };

/**
 * Delay before retry number `retry` (1 = first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that many clients recovering from the same outage
 * spread out, yet none retries at once.
 */
export function backoffDelayMs(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  return exponential / 2 + random() * (exponential / 2);
}
