import type { Check, CheckContext, CheckOutcome } from '../checks/check-types.js';
import { roundMs } from '../format.js';
import type { CheckResult, ProgressEvent } from '../smoke-types.js';

/** Checks in flight at once: enough to overlap network waits, few enough to be polite. */
const CONCURRENCY = 6;

/**
 * Runs the checks concurrently (results in the given order), times each one, and turns
 * anything unexpected (a throw, the run's deadline) into a failed check, never a crash.
 */
export async function runChecks(
  checks: Check[],
  context: CheckContext,
  emit: (event: ProgressEvent) => void,
  signal: AbortSignal,
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      results[index] = await runOne(checks[index]!, context, emit, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, checks.length) }, worker));
  return results;
}

async function runOne(
  check: Check,
  context: CheckContext,
  emit: (event: ProgressEvent) => void,
  signal: AbortSignal,
): Promise<CheckResult> {
  const started = performance.now();
  emit({ type: 'check-start', name: check.name });
  let outcome: CheckOutcome;
  let onAbort = () => {};
  try {
    const aborted = new Promise<CheckOutcome>((resolve) => {
      onAbort = () => resolve({ status: 'fail', error: abortMessage(signal.reason) });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    outcome = await Promise.race([check.run(context), aborted]);
  } catch (error) {
    outcome = {
      status: 'fail',
      error: `the check broke: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  const result: CheckResult = {
    name: check.name,
    status: outcome.status,
    durationMs: roundMs(performance.now() - started),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.details === undefined ? {} : { details: outcome.details }),
  };
  emit({
    type: 'check-end',
    name: check.name,
    status: result.status,
    durationMs: result.durationMs,
  });
  return result;
}

export function abortMessage(reason: unknown): string {
  return reason instanceof Error && reason.message ? reason.message : 'the run was aborted';
}
