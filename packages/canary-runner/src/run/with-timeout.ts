import { CanaryError } from '../canary-error.js';
import { interrupted } from './sleep.js';

/**
 * Runs a step with its own abort signal that fires after `timeoutMs` (E_TIMEOUT, naming the
 * step) or when the parent aborts. The step is expected to stop on its signal; the race
 * makes sure the caller does not wait for one that does not.
 */
export async function withTimeout<T>(
  label: string,
  timeoutMs: number,
  parent: AbortSignal | undefined,
  step: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timeout = new CanaryError(
    'E_TIMEOUT',
    `${label} timed out after ${formatSeconds(timeoutMs)}`,
  );
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  const onParentAbort = () => controller.abort(parent!.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  let rejectOnAbort: (error: Error) => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    rejectOnAbort = reject;
  });
  const onAbort = () => rejectOnAbort(interrupted(controller.signal));
  controller.signal.addEventListener('abort', onAbort, { once: true });
  if (controller.signal.aborted) onAbort();
  try {
    return await Promise.race([step(controller.signal), aborted]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
    controller.signal.removeEventListener('abort', onAbort);
  }
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
