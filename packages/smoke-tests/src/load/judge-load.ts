import type { LoadReport, LoadThreshold } from './load-types.js';

/** What a load run measured, before judging. */
export type LoadMeasurement = Omit<LoadReport, 'status' | 'thresholds' | 'error'>;

export interface LoadLimits {
  maxP99Ms: number;
  maxErrorRate: number;
  minRps?: number;
}

/**
 * Judges a measurement against the limits. A run in which nothing answered fails
 * whatever the limits say: a latency of nothing is not a pass.
 */
export function judgeLoad(measured: LoadMeasurement, limits: LoadLimits): LoadReport {
  const thresholds: LoadThreshold[] = [
    {
      name: 'maxP99Ms',
      limit: limits.maxP99Ms,
      actual: measured.latencyMs.p99,
      pass: measured.latencyMs.p99 <= limits.maxP99Ms,
    },
    {
      name: 'maxErrorRate',
      limit: limits.maxErrorRate,
      actual: measured.errorRate,
      pass: measured.errorRate <= limits.maxErrorRate,
    },
  ];
  if (limits.minRps !== undefined) {
    thresholds.push({
      name: 'minRps',
      limit: limits.minRps,
      actual: measured.rps,
      pass: measured.rps >= limits.minRps,
    });
  }
  const answered =
    measured.requests - measured.errorKinds.connection - measured.errorKinds.timeouts;
  const problems =
    measured.requests === 0
      ? []
      : thresholds.filter((t) => !t.pass).map((t) => describe(t, measured));
  if (answered <= 0) problems.unshift(`no request was answered in ${measured.durationSec} s`);
  const report: LoadReport = { status: problems.length ? 'fail' : 'pass', ...measured, thresholds };
  if (problems.length) report.error = `${measured.path}: ${problems.join('; ')}`;
  return report;
}

function describe(t: LoadThreshold, m: LoadMeasurement): string {
  if (t.name === 'maxP99Ms')
    return `p99 latency ${millis(t.actual)} ms over the ${millis(t.limit)} ms limit`;
  if (t.name === 'minRps')
    return `${fixed(t.actual)} requests/s under the ${fixed(t.limit)} minimum`;
  const kinds = Object.entries(m.errorKinds)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind === 'connection' ? 'connection errors' : kind}`);
  return `error rate ${percent(t.actual)} (${m.errors} of ${m.requests}: ${kinds.join(', ')}) over the ${percent(t.limit)} limit`;
}

function fixed(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** A latency as precise as it was given, to the microsecond: `1.234`, `0.5`, `250`. */
function millis(ms: number): string {
  return String(Math.round(ms * 1000) / 1000);
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}
