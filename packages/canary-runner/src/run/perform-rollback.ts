import { CanaryError, errorMessage } from '../canary-error.js';
import type { RunContext } from './run-context.js';
import { stopProcessGroup } from './stop-process-group.js';
import { withTimeout } from './with-timeout.js';

export interface RollbackOutcome {
  ok: boolean;
  /** The rollback ran past its timeout: the canary's state is unknown. */
  timedOut: boolean;
  detail: string;
  durationMs: number;
}

/**
 * Rolls the canary back through the deployer, with the rollback notifications on either
 * side (no silent rollbacks) and the journal lines before and after. Never throws: a
 * failed rollback is an outcome the caller reports (exit 3).
 */
export async function performRollback(
  ctx: RunContext,
  record: Record<string, unknown>,
  trigger: string,
): Promise<RollbackOutcome> {
  const started = Date.now();
  ctx.notifications.send('rollback.started', { reason: trigger });
  ctx.journal?.append('step.started', { step: 'rollback', data: { trigger } });
  ctx.mark('rollback.started', trigger);
  try {
    // A deploy script still running (orphaned by a runner that died, or a child it left
    // behind) would finish deploying after the rollback: stop its group and wait for it first.
    const stopped = await stopProcessGroup(record.deployProcessGroup);
    if (stopped) ctx.mark('deploy.stopped', stopped);
    // The run's own abort (a signal) must not stop the rollback it caused.
    const detail = await withTimeout(
      'rollback',
      ctx.config.timeouts.rollbackSec * 1000,
      undefined,
      (signal) => ctx.deployer.rollback(ctx.deployContext(signal), record),
    );
    const durationMs = Date.now() - started;
    ctx.journal?.append('rollback.finished', { ok: true, data: { detail, trigger } });
    ctx.mark('rollback.completed', detail);
    ctx.notifications.send('rollback.completed', { reason: trigger, durationMs, message: detail });
    return { ok: true, timedOut: false, detail, durationMs };
  } catch (error) {
    const detail = errorMessage(error);
    const durationMs = Date.now() - started;
    const timedOut = error instanceof CanaryError && error.code === 'E_TIMEOUT';
    ctx.journal?.append('rollback.finished', { ok: false, data: { error: detail, trigger } });
    ctx.mark('rollback.failed', detail);
    ctx.notifications.send('rollback.failed', {
      reason: `${trigger}; rollback failed: ${detail}`,
      durationMs,
    });
    return { ok: false, timedOut, detail, durationMs };
  }
}
