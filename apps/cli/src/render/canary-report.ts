import type { CanaryReport, PlannedAction } from '@n1v1/canary-runner';
import type { Paint } from './color.js';
import { renderTrafficSteps } from './traffic-steps.js';

const HEADLINE: Record<
  CanaryReport['verdict'],
  { text: string; color: 'green' | 'red' | 'yellow' }
> = {
  ready: { text: 'READY for production', color: 'green' },
  promoted: { text: 'PROMOTED', color: 'green' },
  planned: { text: 'DRY RUN', color: 'yellow' },
  'rolled-back': { text: 'ROLLED BACK', color: 'red' },
  failed: { text: 'FAILED (left in place: --no-rollback)', color: 'red' },
  'rollback-failed': { text: 'ROLLBACK FAILED: a person must look', color: 'red' },
  unknown: { text: 'STATE UNKNOWN: a person must look', color: 'red' },
};

/** The human summary of a canary run: verdict, reason, the last figures, rollback, notifications. */
export function renderCanaryReport(report: CanaryReport, paint: Paint): string {
  const head = HEADLINE[report.verdict];
  // An inconclusive analysis is neither a pass nor a regression: the headline says so.
  const text =
    report.analysisOutcome === 'inconclusive'
      ? `INCONCLUSIVE, ${report.verdict === 'failed' ? 'left in place (analysis.onInconclusive keep), not promoted' : head.text}`
      : head.text;
  const lines = [
    `${paint(`${report.service} ${report.version} in ${report.env}: ${text}`, head.color)}`,
    `  reason: ${report.reason}`,
  ];
  if (report.plan) return [...lines, ...renderPlan(report.plan), ''].join('\n');
  if (report.canaryUrl)
    lines.push(
      `  canary: ${report.canaryUrl}${report.baselineUrl ? `  baseline: ${report.baselineUrl}` : ''}`,
    );
  const last = report.looks.at(-1);
  if (last) {
    const f = (x: typeof last.canary | undefined) =>
      x
        ? `${x.errorRate === null ? 'n/a' : `${(x.errorRate * 100).toFixed(2)}%`} errors, p99 ${x.p99Ms === null ? 'n/a' : `${Math.round(x.p99Ms)} ms`}, ${x.requests} requests`
        : 'no data';
    lines.push(
      `  looks: ${report.looks.length}, last ${last.status}; canary ${f(last.canary)}${last.baseline === undefined ? '' : `; baseline ${f(last.baseline)}`}`,
    );
  }
  lines.push(...renderTrafficSteps(report, paint));
  for (const r of report.recovered)
    lines.push(
      `  recovered run ${r.runId} (${r.version}): ${r.ok ? 'rolled back' : 'rollback FAILED'}: ${r.detail}`,
    );
  if (report.rollback)
    lines.push(
      `  rollback: ${report.rollback.ok ? 'done' : paint('FAILED', 'red')} in ${(report.rollback.durationMs / 1000).toFixed(1)} s: ${report.rollback.detail}`,
    );
  if (report.promotion)
    lines.push(
      `  promotion: ${report.promotion.ok ? 'done' : 'FAILED'}: ${report.promotion.detail}`,
    );
  const delivered = report.notifications.filter((n) => n.status === 'delivered').length;
  lines.push(
    `  notifications: ${delivered} of ${report.notifications.length} delivered${undeliveredList(report)}`,
  );
  if (report.journal) lines.push(paint(`  journal: ${report.journal}`, 'dim'));
  return `${lines.join('\n')}\n`;
}

function undeliveredList(report: CanaryReport): string {
  const missed = report.notifications.filter((n) => n.status !== 'delivered');
  return missed.length
    ? ` (not delivered: ${missed.map((n) => `${n.type} ${n.status}`).join(', ')})`
    : '';
}

/** A dry run's actions, one per line, with the exact payloads indented below. */
export function renderPlan(plan: PlannedAction[]): string[] {
  const lines = ['  would, in order:'];
  plan.forEach((action, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. [${action.step}] ${action.summary}`);
    if (action.detail !== undefined) {
      const text =
        typeof action.detail === 'string' ? action.detail : JSON.stringify(action.detail, null, 2);
      lines.push(...text.split('\n').map((l) => `        ${l}`));
    }
  });
  return lines;
}
