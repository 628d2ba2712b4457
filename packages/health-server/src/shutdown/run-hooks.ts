import { describeFailure } from '../describe-failure.js';
import type { HookReport, ShutdownHook } from './shutdown-types.js';

const TIMED_OUT = Symbol('timed out');

/** Runs hooks one after another, each bounded by its timeout; a failure never stops the rest. */
export async function runHooks(
  hooks: readonly ShutdownHook[],
  defaultTimeoutMs: number,
  redact: (text: string) => string,
): Promise<HookReport[]> {
  const reports: HookReport[] = [];
  for (const [index, hook] of hooks.entries()) {
    const name = typeof hook === 'function' ? hook.name || `hook ${index + 1}` : hook.name;
    const run = typeof hook === 'function' ? hook : hook.run;
    const timeoutMs = (typeof hook === 'function' ? undefined : hook.timeoutMs) ?? defaultTimeoutMs;
    reports.push(await runHook(name, run, timeoutMs, redact));
  }
  return reports;
}

async function runHook(
  name: string,
  run: (context: { signal: AbortSignal }) => unknown,
  timeoutMs: number,
  redact: (text: string) => string,
): Promise<HookReport> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
  });
  try {
    const outcome = await Promise.race([
      Promise.resolve().then(() => run({ signal: controller.signal })),
      timedOut,
    ]);
    const durationMs = performance.now() - started;
    if (outcome === TIMED_OUT) {
      controller.abort();
      return {
        name,
        status: 'timeout',
        durationMs,
        error: `did not finish within ${timeoutMs} ms`,
      };
    }
    return { name, status: 'ok', durationMs };
  } catch (error) {
    return {
      name,
      status: 'failed',
      durationMs: performance.now() - started,
      error: describeFailure(error, redact),
    };
  } finally {
    clearTimeout(timer);
  }
}
