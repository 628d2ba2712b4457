import type { CheckResult, SmokeReport } from '../smoke-types.js';
import { xmlEscape } from './xml-escape.js';

/**
 * The report as JUnit XML: one testsuite, one testcase per check (time in seconds), a
 * `<failure>` with the one-line reason for a failed check and `<skipped>` for a skipped
 * one. The layout is the common denominator that Jenkins, GitLab, GitHub test reporters
 * and Surefire all read.
 */
export function renderJUnit(report: SmokeReport): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const counts = `tests="${report.summary.total}" failures="${report.summary.failed}" errors="0" skipped="${report.summary.skipped}" time="${seconds(report.durationMs)}"`;
  const suiteName = xmlEscape(`n1v1 smoke ${report.target}`);
  const properties = [
    ['target', report.target],
    ['status', report.status],
    ...(report.waitedMs === undefined ? [] : [['waitedMs', String(report.waitedMs)]]),
    ...loadProperties(report),
  ]
    .map(([name, value]) => `      <property name="${name}" value="${xmlEscape(value!)}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="n1v1 smoke" ${counts}>`,
    `  <testsuite name="${suiteName}" ${counts} timestamp="${report.startedAt}">`,
    '    <properties>',
    properties,
    '    </properties>',
    ...report.checks.map((check) => testcase(check, seconds(check.durationMs))),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The load run's figures, for CI views that chart JUnit properties over builds. */
function loadProperties(report: SmokeReport): string[][] {
  const load = report.load;
  if (load === undefined) return [];
  const { p50, p90, p99, p999, max } = load.latencyMs;
  return [
    ['load.p50Ms', p50],
    ['load.p90Ms', p90],
    ['load.p99Ms', p99],
    ['load.p999Ms', p999],
    ['load.maxMs', max],
    ['load.rps', load.rps],
  ].map(([name, value]) => [String(name), String(value)]);
}

function testcase(check: CheckResult, time: string): string {
  const open = `    <testcase name="${xmlEscape(check.name)}" classname="n1v1.smoke" time="${time}"`;
  const message = xmlEscape(check.error ?? '');
  if (check.status === 'fail') {
    const body = check.details
      ? `${message}\n${xmlEscape(JSON.stringify(check.details))}`
      : message;
    return `${open}>\n      <failure message="${message}" type="CheckFailed">${body}</failure>\n    </testcase>`;
  }
  if (check.status === 'skip')
    return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`;
  return `${open}/>`;
}
