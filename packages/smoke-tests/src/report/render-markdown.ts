import type { LoadReport } from '../load/load-types.js';
import type { SmokeReport } from '../smoke-types.js';

/**
 * The report as Markdown (a GitHub job summary, a PR comment): a verdict line, a table
 * of checks with times and reasons, and the load figures when load ran.
 */
export function renderMarkdown(report: SmokeReport): string {
  const icon = { pass: '✅', fail: '❌', skip: '⏭️' } as const;
  const { passed, failed, skipped } = report.summary;
  const lines = [
    `### ${report.status === 'pass' ? '✅' : '❌'} Smoke ${report.status === 'pass' ? 'passed' : 'failed'}: ${cell(report.target)}`,
    '',
    `${passed} passed, ${failed} failed, ${skipped} skipped in ${(report.durationMs / 1000).toFixed(2)} s${report.waitedMs === undefined ? '' : ` (waited ${(report.waitedMs / 1000).toFixed(1)} s for /health)`}`,
    '',
    '| check | status | time | reason |',
    '| --- | --- | ---: | --- |',
    ...report.checks.map(
      (c) =>
        `| ${cell(c.name)} | ${icon[c.status]} ${c.status} | ${Math.round(c.durationMs)} ms | ${cell(c.error ?? '')} |`,
    ),
  ];
  if (report.load) lines.push('', renderLoadMarkdown(report.load).trimEnd());
  return `${lines.join('\n')}\n`;
}

/** A load report as Markdown: where and how long, then a row of latencies, rate and errors. */
export function renderLoadMarkdown(load: LoadReport): string {
  const codes =
    Object.entries(load.statusCodes)
      .map(([code, n]) => `${code}: ${n}`)
      .join(', ') || 'none';
  const verdict = load.status === 'pass' ? '✅ passed' : `❌ failed: ${cell(load.error ?? '')}`;
  const { p50, p90, p99, p999, max } = load.latencyMs;
  const latency = [p50, p90, p99, p999, max];
  return [
    `**Load** on \`${cell(load.path)}\`: ${load.connections} connections for ${load.durationSec} s, ${verdict}`,
    '',
    '| p50 | p90 | p99 | p99.9 | max | req/s | requests | errors | status codes |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${latency.map((ms) => `${ms} ms`).join(' | ')} | ${load.rps} | ${load.requests} | ${load.errors} (${(load.errorRate * 100).toFixed(2)}%) | ${codes} |`,
    '',
  ].join('\n');
}

/** Text safe in a table cell: one line, pipes escaped, no HTML. */
function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
