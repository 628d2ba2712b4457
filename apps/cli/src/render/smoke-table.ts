import type { CheckResult, SmokeReport } from '@n1v1/smoke-tests';
import type { Paint } from './color.js';
import { ms } from './format-figures.js';
import { renderLoadLines } from './load-table.js';

/**
 * The human output of `n1v1 smoke`: a verdict line, then one row per check with its time
 * and, for a failure or a skip, the one-line reason; the load figures when load ran.
 */
export function renderSmokeTable(report: SmokeReport, paint: Paint): string {
  const { passed, failed, skipped } = report.summary;
  const verdict = report.status === 'pass' ? paint('PASS', 'green') : paint('FAIL', 'red');
  const waited = report.waitedMs === undefined ? '' : `, waited ${ms(report.waitedMs)} for /health`;
  const width = Math.max(5, ...report.checks.map((c) => c.name.length));
  const rows = report.checks.map((check) => {
    const reason = check.error
      ? `  ${check.status === 'skip' ? paint(check.error, 'dim') : check.error}`
      : '';
    return `  ${check.name.padEnd(width)}  ${status(check, paint)}  ${ms(check.durationMs).padStart(8)}${reason}`;
  });
  const lines = [
    `n1v1 smoke ${report.target}: ${verdict} (${passed} passed, ${failed} failed, ${skipped} skipped in ${ms(report.durationMs)}${waited})`,
    '',
    `  ${'CHECK'.padEnd(width)}  STATUS  ${'TIME'.padStart(8)}  REASON`,
    ...rows,
  ];
  if (report.load) lines.push('', paint('  load', 'bold'), ...renderLoadLines(report.load, paint));
  return `${lines.join('\n')}\n`;
}

function status(check: CheckResult, paint: Paint): string {
  if (check.status === 'pass') return paint('pass  ', 'green');
  if (check.status === 'fail') return paint('FAIL  ', 'red');
  return paint('skip  ', 'yellow');
}
