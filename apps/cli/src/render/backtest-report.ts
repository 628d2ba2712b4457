import type { BacktestResult } from '@n1v1/canary-runner';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The human summary of a backtest: the false-rollback rate, and the looks that failed. */
export function renderBacktest(result: BacktestResult): string {
  const lines = [
    `backtest of ${result.env} on {${result.selector}} over ${result.hours} h: ${result.rollbacks.length} false rollback(s) in ${result.windows} replayed runs = ${pct(result.falseRollbackRate)} (95 % ${pct(result.interval.low)} - ${pct(result.interval.high)})`,
  ];
  if (result.skipped) lines.push(`  ${result.skipped} window(s) skipped: gaps in the history`);
  for (const r of result.rollbacks)
    lines.push(`  ${r.startedAt} look ${r.look} at ${r.atSec} s: ${r.status}: ${r.reason}`);
  return `${lines.join('\n')}\n`;
}
