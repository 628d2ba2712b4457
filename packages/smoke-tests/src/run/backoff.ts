/**
 * Delay before poll `attempt` (0-based), in ms: exponential from `baseMs`, capped at
 * `capMs`, with "equal jitter" (a random half of the delay) so a fleet of CI jobs waiting
 * on one service does not poll it in lockstep.
 */
export function backoffDelayMs(
  attempt: number,
  { baseMs = 100, capMs = 2000, random = Math.random } = {},
): number {
  const delay = Math.min(capMs, baseMs * 2 ** attempt);
  return delay / 2 + random() * (delay / 2);
}
