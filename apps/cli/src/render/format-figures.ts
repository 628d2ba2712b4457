/** Milliseconds for a table column: `12 ms`, `1.25 s`. */
export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/** A rate (0..1) as a percentage with two decimals. */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}
