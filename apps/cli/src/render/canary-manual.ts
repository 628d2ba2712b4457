import type { ManualReport } from '@n1v1/canary-runner';
import { renderPlan } from './canary-report.js';
import type { Paint } from './color.js';

/** The human summary of `n1v1 promote` and `n1v1 rollback`. */
export function renderManualReport(report: ManualReport, paint: Paint): string {
  const color = report.outcome === 'planned' ? 'yellow' : report.ok ? 'green' : 'red';
  const what = report.version
    ? ` ${report.version}${report.runId ? ` (run ${report.runId})` : ''}`
    : '';
  const lines = [
    paint(`${report.action}${what} in ${report.env}: ${report.outcome}`, color),
    `  ${report.detail}`,
  ];
  for (const r of report.recovered)
    lines.push(
      `  recovered run ${r.runId} (${r.version}): ${r.ok ? 'rolled back' : 'rollback FAILED'}: ${r.detail}`,
    );
  if (report.plan) lines.push(...renderPlan(report.plan));
  if (report.notifications.length) {
    const delivered = report.notifications.filter((n) => n.status === 'delivered').length;
    lines.push(`  notifications: ${delivered} of ${report.notifications.length} delivered`);
  }
  return `${lines.join('\n')}\n`;
}
