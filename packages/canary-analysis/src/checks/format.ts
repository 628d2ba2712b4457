/** Figures as the one-line check details print them. */
export function pct(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(2)}%`;
}

export function ms(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} ms`;
}

export function fmtP(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

/** A window as the details print it: `over 25-30 s`. */
export function span(window: { fromSec: number; toSec: number }): string {
  return `over ${round(window.fromSec)}-${round(window.toSec)} s`;
}

function round(sec: number): string {
  return String(Math.round(sec * 10) / 10);
}
