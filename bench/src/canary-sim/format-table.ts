import type { ScenarioMeasurement } from './measure-scenario.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The measurements as the Markdown table of the README. */
export function formatTable(rows: ScenarioMeasurement[]): string {
  const lines = [
    '| scenario | runs | rolled back (fail + inconclusive) | 95 % interval | target | median looks / s to rollback | decided in the extension |',
    '|---|---:|---:|---|---|---:|---:|',
  ];
  for (const r of rows) {
    const target = r.kind === 'aa' ? '<= 1 %' : '>= 95 %';
    const ok = r.kind === 'aa' ? r.rate <= 0.01 : r.rate >= 0.95;
    lines.push(
      `| ${r.scenario} | ${r.runs} | ${pct(r.rate)} (${r.failed} + ${r.inconclusive}) | ${pct(r.low)} - ${pct(r.high)} | ${target} ${ok ? 'met' : '**not met**'} | ${r.kind === 'detect' && r.medianSecToRollback !== null ? `${r.medianLooksToRollback} / ${r.medianSecToRollback.toFixed(2)} s` : ''} | ${r.extended} |`,
    );
  }
  return lines.join('\n');
}
