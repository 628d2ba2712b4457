import type { ChildProcess } from 'node:child_process';
import { CanaryError } from '../../canary-error.js';
import { probeOne } from '../../probes/health-probe.js';
import { sleep } from '../../run/sleep.js';
import { logTail, type ServiceProcess } from './service-process.js';

/**
 * Waits until the process answers `GET /ready` with 200. Fails at once when the process
 * exits (a crash at start), and after `timeoutMs` with the last answer it gave.
 */
export async function waitReady(
  proc: ServiceProcess,
  child: ChildProcess,
  options: { timeoutMs: number; requestTimeoutMs: number; signal: AbortSignal },
): Promise<void> {
  let exit: string | undefined;
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    exit = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
  };
  child.once('exit', onExit);
  if (child.exitCode !== null) onExit(child.exitCode, null);
  try {
    const deadline = Date.now() + options.timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (exit) throw exited(proc, exit);
      const probe = await probeOne(proc.url, '/ready', options.requestTimeoutMs, options.signal);
      if (probe.ok) return;
      last = probe.detail;
      if (exit) throw exited(proc, exit);
      await sleep(200, options.signal);
    }
    throw new CanaryError(
      'E_DEPLOY_FAILED',
      `${proc.role} (pid ${proc.pid}) not ready after ${Math.round(options.timeoutMs / 1000)} s: ${last}`,
    );
  } finally {
    child.off('exit', onExit);
  }
}

function exited(proc: ServiceProcess, how: string): CanaryError {
  const tail = logTail(proc.logFile);
  return new CanaryError(
    'E_DEPLOY_FAILED',
    `${proc.role} (pid ${proc.pid}) ${how} before it was ready${tail ? `: ${tail}` : ''}`,
  );
}
