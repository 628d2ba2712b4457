import type { Notifier } from '@n1v1/notifier';
import { recoverPromotion } from '../bake/recover-promotion.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { Deployer } from '../deployers/deployer.js';
import { renderReportFileQuietly } from '../report/write-run-report.js';
import { closeRouter, cutTraffic, recordedRouter } from './cut-traffic.js';
import { deployerForRun } from './deployer-for-run.js';
import { Journal } from './journal.js';
import { performRollback } from './perform-rollback.js';
import type { CanaryProgress } from './report-types.js';
import { createRunContext } from './run-context.js';
import { bakeUnfinished, listRuns, type RunSummary } from './run-history.js';

export interface RecoveredRun {
  runId: string;
  version: string;
  ok: boolean;
  detail: string;
}

export interface RecoverOptions {
  config: ResolvedCanaryConfig;
  notifier: Notifier | null;
  /** Never touched: the run doing the recovering. */
  currentRunId: string;
  onProgress?: (event: CanaryProgress) => void;
  deployer?: Deployer;
}

/**
 * Finds the environment's runs that died half-way (no `run.finished` line; the caller holds
 * the lock, so their process is gone) and finishes them: a run that had started deploying
 * is rolled back with the usual notifications; one that had already passed, or never
 * deployed, is only closed. Their journals get the lines that finish them.
 */
export async function recoverUnfinishedRuns(options: RecoverOptions): Promise<RecoveredRun[]> {
  const { config } = options;
  const unfinished = listRuns(config.stateDir, config.env).filter(
    (r) => (!r.finished || bakeUnfinished(r)) && r.runId !== options.currentRunId,
  );
  const recovered: RecoveredRun[] = [];
  for (const run of unfinished) {
    recovered.push(await recoverRun(run, options));
    // Its page now tells how it was finished.
    renderReportFileQuietly(run.file);
  }
  return recovered;
}

async function recoverRun(run: RunSummary, options: RecoverOptions): Promise<RecoveredRun> {
  if (bakeUnfinished(run)) return recoverPromotion(run, options);
  const journal = new Journal(options.config.stateDir, options.config.env, run.runId);
  const ctx = createRunContext({
    config: options.config,
    version: run.version,
    runId: run.runId,
    journal,
    notifier: options.notifier,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    deployer: options.deployer ?? deployerForRun(options.config, run),
  });
  const base = { runId: run.runId, version: run.version };
  const close = (verdict: string, reason: string, ok = true): RecoveredRun => {
    journal.append('run.finished', { data: { verdict, reason, recovered: true } });
    ctx.emit({ type: 'log', message: `recovered run ${run.runId}: ${reason}`, elapsedMs: 0 });
    return { ...base, ok, detail: reason };
  };
  if (!run.deployStarted)
    return close('rolled-back', 'the run died before deploying; nothing to roll back');
  if (['ready', 'promoted', 'rolled-back'].includes(run.state)) {
    const leftOver = recordedRouter(ctx, run);
    if (leftOver) await closeRouter(ctx, leftOver);
    return close(run.state, `the run died after it ended ${run.state}; closed its journal`);
  }
  const trigger = `run ${run.runId} (pid ${run.pid}) died while ${run.state}; finishing its rollback`;
  journal.append('recovery.started', { data: { by: options.currentRunId, state: run.state } });
  ctx.notifications.send('deploy.failed', { reason: trigger });
  // A router the dead run left at some weight is cut to 0 % before anything else.
  const router = recordedRouter(ctx, run);
  if (router) await cutTraffic(ctx, router, trigger);
  const outcome = await performRollback(ctx, run.record, trigger);
  if (router) await closeRouter(ctx, router);
  return close(outcome.ok ? 'rolled-back' : 'rollback-failed', outcome.detail, outcome.ok);
}
