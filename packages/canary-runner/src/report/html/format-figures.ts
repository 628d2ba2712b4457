/** Figures as the report prints them. */
export const fmt = {
  pct: (rate: number | null | undefined) =>
    rate === null || rate === undefined || !Number.isFinite(rate)
      ? '–'
      : `${(rate * 100).toFixed(2)}%`,
  ms: (value: number | null | undefined) =>
    value === null || value === undefined || !Number.isFinite(value)
      ? '–'
      : `${Math.round(value)} ms`,
  p: (value: number | undefined) =>
    value === undefined ? '–' : value < 1e-4 ? value.toExponential(1) : value.toPrecision(2),
  sec: (ms: number) => `${(ms / 1000).toFixed(1)} s`,
};
