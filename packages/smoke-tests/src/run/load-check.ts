import { roundMs } from '../format.js';
import type { ResolvedLoadOptions } from '../load/load-limits.js';
import type { LoadReport } from '../load/load-types.js';
import { runLoad } from '../load/run-load.js';
import type { CheckResult, ProgressEvent } from '../smoke-types.js';
import { abortMessage } from './run-checks.js';

/**
 * The `load` check of a smoke run: skipped when the service is not healthy (loading a
 * dead target proves nothing and takes the whole duration), else a load run whose
 * verdict is the check's.
 */
export async function loadCheck(
  options: ResolvedLoadOptions,
  healthy: boolean,
  emit: (event: ProgressEvent) => void,
  signal: AbortSignal,
): Promise<{ check: CheckResult; report?: LoadReport }> {
  if (!healthy) {
    return {
      check: {
        name: 'load',
        status: 'skip',
        durationMs: 0,
        error: 'not run: the health check did not pass',
      },
    };
  }
  const started = performance.now();
  emit({ type: 'check-start', name: 'load' });
  let check: CheckResult;
  let report: LoadReport | undefined;
  try {
    report = await runLoad({ ...options, onProgress: emit, signal });
    check = {
      name: 'load',
      status: report.status,
      durationMs: roundMs(performance.now() - started),
      ...(report.error ? { error: report.error } : {}),
      details: {
        rps: report.rps,
        p50Ms: report.latencyMs.p50,
        p99Ms: report.latencyMs.p99,
        p999Ms: report.latencyMs.p999,
        errorRate: report.errorRate,
        requests: report.requests,
      },
    };
    if (signal.aborted)
      check = {
        ...check,
        status: 'fail',
        error: `${abortMessage(signal.reason)} (load stopped early)`,
      };
  } catch (error) {
    check = {
      name: 'load',
      status: 'fail',
      durationMs: roundMs(performance.now() - started),
      error: `the load run broke: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
    };
  }
  emit({ type: 'check-end', name: 'load', status: check.status, durationMs: check.durationMs });
  return report ? { check, report } : { check };
}
