import { errorMessage } from '../canary-error.js';
import type { RunContext } from '../run/run-context.js';
import { withTimeout } from '../run/with-timeout.js';

export interface RestoreOutcome {
  ok: boolean;
  detail: string;
  durationMs: number;
}

/**
 * Rolls production back to the version the promotion replaced, through the deployer's
 * `restore`, with the rollback notifications on either side and journal lines before
 * (`step.started` restore) and after (`restore.finished`), so a run killed half-way is
 * finished by the next one. Never throws.
 */
export async function restoreProduction(
  ctx: RunContext,
  record: Record<string, unknown>,
  trigger: string,
): Promise<RestoreOutcome> {
  const started = Date.now();
  ctx.notifications.send('rollback.started', { reason: trigger });
  ctx.journal?.append('step.started', { step: 'restore', data: { trigger } });
  ctx.mark('rollback.started', trigger);
  try {
    // The rollback runs to its own deadline, whatever stopped the bake.
    const detail = await withTimeout(
      'production rollback',
      ctx.config.timeouts.rollbackSec * 1000,
      undefined,
      (signal) => ctx.deployer.restore(ctx.deployContext(signal), record),
    );
    const durationMs = Date.now() - started;
    ctx.journal?.append('restore.finished', { ok: true, data: { detail, trigger } });
    ctx.mark('rollback.completed', detail);
    ctx.notifications.send('rollback.completed', { reason: trigger, durationMs, message: detail });
    return { ok: true, detail, durationMs };
  } catch (error) {
    const detail = errorMessage(error);
    const durationMs = Date.now() - started;
    ctx.journal?.append('restore.finished', { ok: false, data: { error: detail, trigger } });
    ctx.mark('rollback.failed', detail);
    ctx.notifications.send('rollback.failed', {
      reason: `${trigger}; rollback failed: ${detail}`,
      durationMs,
    });
    return { ok: false, detail, durationMs };
  }
}
