import type { LoadReport } from '@n1v1/smoke-tests';
import type { Paint } from './color.js';
import { latency, percent } from './format-figures.js';

const LIMIT_TEXT: Record<
  LoadReport['thresholds'][number]['name'],
  (limit: number, actual: number) => string
> = {
  maxP99Ms: (limit, actual) => `p99 <= ${limit} ms (got ${actual} ms)`,
  maxErrorRate: (limit, actual) => `error rate <= ${percent(limit)} (got ${percent(actual)})`,
  minRps: (limit, actual) => `requests/s >= ${limit} (got ${actual})`,
};

/** The figures of a load run for a person: latencies, rate, errors by kind, status codes, thresholds. */
export function renderLoadLines(load: LoadReport, paint: Paint): string[] {
  const codes =
    Object.entries(load.statusCodes)
      .map(([code, n]) => `${code}: ${n}`)
      .join(', ') || 'none';
  const kinds = load.errorKinds;
  const { p50, p90, p99, p999, max } = load.latencyMs;
  return [
    `  ${load.connections} connections for ${load.durationSec} s on ${load.path}: ${load.requests} requests, ${load.rps} req/s`,
    `  latency  p50 ${latency(p50)}  p90 ${latency(p90)}  p99 ${latency(p99)}  p99.9 ${latency(p999)}  max ${latency(max)}`,
    `  errors   ${load.errors} (${percent(load.errorRate)}): ${kinds.non2xx} non-2xx, ${kinds.timeouts} timeouts, ${kinds.connection} connection errors`,
    `  status   ${codes}`,
    ...load.thresholds.map(
      (t) =>
        `  ${t.pass ? paint('pass', 'green') : paint('FAIL', 'red')}     ${LIMIT_TEXT[t.name](t.limit, t.actual)}`,
    ),
  ];
}

/** The whole output of `n1v1 load` without --json. */
export function renderLoadReport(load: LoadReport, target: string, paint: Paint): string {
  const verdict = load.status === 'pass' ? paint('PASS', 'green') : paint('FAIL', 'red');
  const lines = [`n1v1 load ${target}: ${verdict}`, ...renderLoadLines(load, paint)];
  if (load.error) lines.push('', `  ${load.error}`);
  return `${lines.join('\n')}\n`;
}
