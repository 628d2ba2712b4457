import { deployerForRun } from '../run/deployer-for-run.js';
import { Journal } from '../run/journal.js';
import type { RecoveredRun, RecoverOptions } from '../run/recover-runs.js';
import { createRunContext } from '../run/run-context.js';
import type { RunSummary } from '../run/run-history.js';
import { restoreProduction } from './restore-production.js';
import { runBake } from './run-bake.js';

/**
 * Finishes a promotion whose runner died, as its journal says: a production rollback that
 * had started is run again (restores are idempotent); a rollout that never reported back
 * is rolled back (its state is unknown); a bake that was watching goes on watching until
 * the end of its window (at least one more interval), against the same pre-rollout figures,
 * and then lets go of the old version or rolls back.
 */
export async function recoverPromotion(
  run: RunSummary,
  options: RecoverOptions,
): Promise<RecoveredRun> {
  const bake = run.bake!;
  // The bake goes on as it was started, whatever the config of the run that finishes it.
  const config = {
    ...options.config,
    bake: {
      ...options.config.bake,
      ...(bake.durationSec ? { durationSec: bake.durationSec } : {}),
      ...(bake.intervalSec ? { intervalSec: bake.intervalSec } : {}),
    },
  };
  const journal = new Journal(config.stateDir, config.env, run.runId);
  const ctx = createRunContext({
    config,
    version: run.version,
    runId: run.runId,
    journal,
    notifier: options.notifier,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    deployer: options.deployer ?? deployerForRun(config, run),
  });
  journal.append('recovery.started', { data: { by: options.currentRunId, state: run.state } });
  const close = (verdict: string, reason: string, ok: boolean): RecoveredRun => {
    if (!bake.finished && bake.startedAtMs === undefined)
      journal.append('bake.finished', { ok, data: { verdict, reason, recovered: true } });
    if (!run.finished)
      journal.append('run.finished', { data: { verdict, reason, recovered: true } });
    ctx.emit({ type: 'log', message: `recovered run ${run.runId}: ${reason}`, elapsedMs: 0 });
    return { runId: run.runId, version: run.version, ok, detail: reason };
  };
  const restore = async (trigger: string) => {
    ctx.notifications.send('deploy.failed', { reason: trigger });
    const outcome = await restoreProduction(ctx, run.record, trigger);
    journal.append('bake.finished', {
      ok: false,
      data: {
        verdict: outcome.ok ? 'rolled-back' : 'rollback-failed',
        reason: trigger,
        recovered: true,
      },
    });
    bake.finished = true;
    return close(outcome.ok ? 'rolled-back' : 'rollback-failed', outcome.detail, outcome.ok);
  };
  const who = `run ${run.runId} (pid ${run.pid})`;
  if (!bake.promoteStarted)
    return close('failed', `${who} died before rolling ${run.version} out; nothing changed`, true);
  if (bake.restoreStarted && !bake.restoreFinished)
    return restore(bake.restoreTrigger ?? `${who} died while rolling production back`);
  if (!bake.promoteFinished)
    return restore(
      `${who} died while rolling ${run.version} out; its state is unknown, so production goes back`,
    );
  if (bake.promoteOk === false)
    return close('failed', `${who} had failed to roll ${run.version} out`, true);
  if (bake.finished || !bake.before)
    return close(run.state, `${who} died after it ended ${run.state}`, true);
  const report = await runBake(ctx, {
    before: bake.before,
    record: run.record,
    ...(bake.startedAtMs === undefined
      ? {}
      : { resume: { startedAtMs: bake.startedAtMs, looks: bake.looks } }),
  });
  bake.finished = true;
  const verdict = report.verdict === 'passed' ? 'promoted' : report.verdict;
  return close(
    verdict,
    `${who} died during its bake; the bake was finished: ${report.verdict} (${report.reason})`,
    report.verdict !== 'rollback-failed',
  );
}
