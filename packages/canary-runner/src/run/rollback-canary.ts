import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { loadCanaryConfig } from '../config/load-config.js';
import { stopLocalStable } from '../deployers/local/stop-local-stable.js';
import { writeRunReport } from '../report/write-run-report.js';
import type { ManualOptions } from './canary-options.js';
import { closeRouter, cutTraffic, recordedRouter } from './cut-traffic.js';
import { deployerForRun } from './deployer-for-run.js';
import { Journal } from './journal.js';
import { acquireLock } from './lock.js';
import type { ManualReport } from './manual-report.js';
import { performRollback } from './perform-rollback.js';
import type { PlannedAction } from './planned-action.js';
import { recoverUnfinishedRuns } from './recover-runs.js';
import { withRedactedErrors } from './redacted-errors.js';
import { createRunContext, defaultNotifier } from './run-context.js';
import { listRuns, type RunSummary } from './run-history.js';
import { newRunId } from './run-id.js';
import { hasLiveCanary } from './state-machine.js';

/**
 * `n1v1 rollback`: rolls back the environment's current canary, found from the journal
 * (the latest run whose canary is still out: ready, failed with --no-rollback, or a failed
 * rollback), with the same notifications as any rollback. Runs that died half-way are
 * finished first. Idempotent: with no canary out it reports `nothing-to-do`, ok.
 */
export function rollback(options: ManualOptions = {}): Promise<ManualReport> {
  return withRedactedErrors(() => rollbackUnredacted(options));
}

async function rollbackUnredacted(options: ManualOptions): Promise<ManualReport> {
  const started = Date.now();
  const config = loadCanaryConfig({
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.configPath ? { path: options.configPath } : {}),
    ...(options.localCommand ? { localCommand: options.localCommand } : {}),
  });
  const notifier = defaultNotifier(options.notifier) ?? null;
  const base = { schemaVersion: 1 as const, action: 'rollback' as const, env: config.env };
  const current = currentCanary(listRuns(config.stateDir, config.env));
  if (options.dryRun) {
    const ctx = createRunContext({
      config,
      version: current?.version ?? '<none>',
      runId: current?.runId ?? '<none>',
      notifier,
      ...(current ? { deployer: deployerForRun(config, current) } : {}),
    });
    await ctx.deployer.prepare?.();
    const dctx = ctx.deployContext(new AbortController().signal);
    const plan: PlannedAction[] = current
      ? [
          ...ctx.notifications.plan(['rollback.started'], 'rollback'),
          ...ctx.deployer.plan('rollback', dctx),
          ...ctx.notifications.plan(['rollback.completed', 'rollback.failed'], 'rollback'),
        ]
      : [];
    return {
      ...base,
      outcome: 'planned',
      ok: true,
      ...(current ? { runId: current.runId, version: current.version } : {}),
      detail: current
        ? `dry run: would roll back run ${current.runId} (${current.version})`
        : `dry run: no canary to roll back in ${config.env}`,
      durationMs: Date.now() - started,
      recovered: [],
      notifications: [],
      plan: ctx.redactor.deep(plan),
    };
  }
  const lock = acquireLock(config.stateDir, config.env, newRunId());
  try {
    const recovered = await recoverUnfinishedRuns({ config, notifier, currentRunId: '' });
    const target = currentCanary(listRuns(config.stateDir, config.env));
    if (!target) {
      const stopped = await stopLocalLeftovers(config);
      const detail = `${
        recovered.length
          ? `finished ${recovered.length} run(s) that had died half-way; no other canary is out in ${config.env}`
          : `no canary to roll back in ${config.env}`
      }${stopped ? `; ${stopped}` : ''}`;
      const ok = recovered.every((r) => r.ok);
      return {
        ...base,
        outcome: ok ? 'nothing-to-do' : 'rollback-failed',
        ok,
        detail,
        durationMs: Date.now() - started,
        recovered,
        notifications: [],
      };
    }
    const ctx = createRunContext({
      config,
      version: target.version,
      runId: target.runId,
      journal: new Journal(config.stateDir, config.env, target.runId),
      notifier,
      deployer: deployerForRun(config, target),
      ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    });
    const trigger = `manual rollback of ${target.version} (was ${target.state})`;
    const router = recordedRouter(ctx, target);
    if (router) await cutTraffic(ctx, router, trigger);
    const outcome = await performRollback(ctx, target.record, trigger);
    if (router) await closeRouter(ctx, router);
    const stopped = outcome.ok ? await stopLocalLeftovers(config) : undefined;
    const notifications = await ctx.notifications.finish(options.notifyFlushTimeoutMs ?? 5000);
    const report: ManualReport = {
      ...base,
      outcome: outcome.ok ? 'rolled-back' : 'rollback-failed',
      ok: outcome.ok,
      runId: target.runId,
      version: target.version,
      detail: stopped ? `${outcome.detail}; ${stopped}` : outcome.detail,
      durationMs: Date.now() - started,
      recovered,
      notifications,
    };
    if (ctx.journal) writeRunReport(ctx.journal.path, 'rollback', report);
    return report;
  } finally {
    lock.release();
  }
}

/** The latest finished run whose canary is still out there. */
export function currentCanary(runs: RunSummary[]): RunSummary | undefined {
  return [...runs].reverse().find((r) => r.deployStarted && hasLiveCanary(r.state));
}

/**
 * With the local deployer the processes are n1v1's own, not a shared environment's: a manual
 * rollback stops the stable one it started too, so that nothing of a local run is left.
 */
async function stopLocalLeftovers(config: ResolvedCanaryConfig): Promise<string | undefined> {
  if (config.deployer.type !== 'local') return undefined;
  return stopLocalStable(config.stateDir, config.env);
}
