import type { CanaryReport } from '@n1v1/canary-runner';
import type { Paint } from './color.js';

/**
 * The weighted steps of a run: each step's weight, the share of requests the canary really
 * got through the router, and its verdict; then the cut to 0 % when one failed.
 */
export function renderTrafficSteps(report: CanaryReport, paint: Paint): string[] {
  if (!report.steps?.length && !report.router) return [];
  const where = report.router?.entryUrl ? ` ${report.router.entryUrl}` : '';
  const lines = [`  traffic steps through ${report.router?.type ?? 'the router'}${where}:`];
  for (const step of report.steps ?? []) {
    const name =
      step.kind === 'promotion' ? 'promotion' : `step ${step.index}/${step.of}`.padEnd(9);
    const routed = step.routed;
    const share =
      step.kind === 'promotion'
        ? 'every request to the canary, then the promotion'
        : routed && routed.canarySharePercent !== null
          ? `canary got ${routed.canarySharePercent.toFixed(1).padStart(5)} % of ${routed.stable + routed.canary} requests`
          : 'canary share not counted by this router';
    const verdict =
      step.status === 'pass' ? paint('pass', 'green') : paint(`FAIL: ${step.reason ?? ''}`, 'red');
    lines.push(
      `    ${name} ${String(step.weightPercent).padStart(3)} %${step.match ? ' + match' : ''}  ${share}  ${verdict}`,
    );
  }
  const cut = report.router?.cut;
  if (cut) {
    lines.push(
      cut.ok
        ? `  traffic cut to 0 % in ${cut.durationMs} ms, before the rollback started`
        : paint(`  traffic cut to 0 % FAILED: ${cut.detail}`, 'red'),
    );
  }
  return lines;
}
