/** Milliseconds for a table column: `12 ms`, `1.25 s`. */
export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/** A rate (0..1) as a percentage with two decimals. */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}

/**
 * A latency to three significant figures, down to the microsecond: `0.231 ms`, `1.68 ms`,
 * `12.4 ms`, `250 ms`, `1.25 s`. Loopback answers take a fraction of a millisecond.
 */
export function latency(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(3)} ms`;
}
