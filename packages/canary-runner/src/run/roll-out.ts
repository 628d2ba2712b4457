import type { Notifier } from '@n1v1/notifier';
import type { BakeBaseline, BakeReport } from '../bake/bake-types.js';
import { captureBefore } from '../bake/capture-before.js';
import { noProductionUrl } from '../bake/production-source.js';
import { runBake } from '../bake/run-bake.js';
import { errorMessage } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { Deployer } from '../deployers/deployer.js';
import { writeRunReport } from '../report/write-run-report.js';
import type { ManualOptions } from './canary-options.js';
import { Journal } from './journal.js';
import type { ManualReport } from './manual-report.js';
import { recoverUnfinishedRuns } from './recover-runs.js';
import { createRunContext } from './run-context.js';
import { listRuns, type RunSummary } from './run-history.js';
import { withTimeout } from './with-timeout.js';

export interface RollOutInput {
  config: ResolvedCanaryConfig;
  canary: RunSummary;
  runId: string;
  notifier: Notifier | null;
  options: ManualOptions;
  started: number;
  deployer?: Deployer;
}

/**
 * The promotion itself, under the environment's lock: finishes runs that died half-way
 * (a bake among them), measures production, rolls the version out, bakes it.
 */
export async function rollOut(input: RollOutInput): Promise<ManualReport> {
  const { config, canary, options, started } = input;
  const sameEnv = config.gate === config.env;
  // Refuse before anything changes: a bake that cannot see production is no bake.
  const blind =
    config.bake.enabled &&
    config.metrics.source === 'scrape' &&
    config.deployer.type !== 'local' &&
    !config.baselineUrl;
  if (blind) throw noProductionUrl(config);
  const recovered = await recoverUnfinishedRuns({
    config,
    notifier: input.notifier,
    currentRunId: input.runId,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // In the canary's own environment the promotion belongs to its run; elsewhere it is a run of its own.
  const journalRunId = sameEnv ? canary.runId : input.runId;
  const journal = new Journal(config.stateDir, config.env, journalRunId);
  const previousVersion = lastPromotedVersion(listRuns(config.stateDir, config.env));
  if (!sameEnv)
    journal.append('run.started', {
      data: {
        version: canary.version,
        service: config.service,
        env: config.env,
        pid: process.pid,
        deployer: config.deployer.type,
        kind: 'promote',
        canaryRun: canary.runId,
      },
    });
  const ctx = createRunContext({
    config,
    version: canary.version,
    runId: journalRunId,
    journal,
    notifier: input.notifier,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(input.deployer ? { deployer: input.deployer } : {}),
  });
  const base = {
    schemaVersion: 1 as const,
    action: 'promote' as const,
    env: config.env,
    runId: canary.runId,
    version: canary.version,
    recovered,
    journal: journal.path,
  };
  const signal = new AbortController().signal;
  ctx.notifications.send('deploy.started', {
    message: `promotion of ${canary.version} after canary run ${canary.runId} passed in ${config.gate}`,
  });
  if (previousVersion) ctx.deployContext(signal).record({ previousVersion });
  let before: BakeBaseline | undefined;
  let ok = true;
  let detail: string;
  try {
    if (config.bake.enabled) before = await captureBefore(ctx, signal);
    journal.append('step.started', { step: 'promote' });
    detail = await withTimeout('promote', config.timeouts.promoteSec * 1000, undefined, (s) =>
      ctx.deployer.promote(
        { ...ctx.deployContext(s), keepPrevious: config.bake.enabled },
        sameEnv ? canary.record : undefined,
      ),
    );
  } catch (error) {
    ok = false;
    detail = errorMessage(error);
  }
  journal.append('promote.finished', { ok, data: { detail } });
  ctx.mark(ok ? 'promoted' : 'promote.failed', detail);
  let bake: BakeReport | undefined;
  if (ok && before) {
    bake = await runBake(ctx, {
      before,
      record: { ...(sameEnv ? canary.record : {}), ...ctx.record },
    });
  }
  const outcome = !ok
    ? 'promote-failed'
    : bake?.verdict === 'rolled-back'
      ? 'rolled-back'
      : bake?.verdict === 'rollback-failed'
        ? 'rollback-failed'
        : 'promoted';
  const reason = bake && bake.verdict !== 'passed' ? bake.reason : detail;
  if (outcome === 'promoted')
    ctx.notifications.send('deploy.succeeded', {
      message: bake ? `${detail}; bake: ${bake.reason}` : detail,
      durationMs: Date.now() - started,
    });
  if (outcome === 'promote-failed')
    ctx.notifications.send('deploy.failed', {
      reason: `promotion failed: ${detail}`,
      durationMs: Date.now() - started,
    });
  if (!sameEnv)
    journal.append('run.finished', {
      data: { verdict: outcome === 'promote-failed' ? 'failed' : outcome, reason },
    });
  const notifications = await ctx.notifications.finish(options.notifyFlushTimeoutMs ?? 5000);
  const report: ManualReport = {
    ...base,
    outcome,
    ok: outcome === 'promoted',
    detail: bake && bake.verdict !== 'passed' ? `${detail}; then ${bake.reason}` : detail,
    durationMs: Date.now() - started,
    notifications,
    ...(bake ? { bake } : {}),
  };
  writeRunReport(journal.path, 'promote', report);
  return report;
}

/** The version the environment ran before: its last promotion that stayed. */
export function lastPromotedVersion(runs: RunSummary[]): string | undefined {
  // By start time to the ms: run ids of the same second do not sort by time.
  const latest = [...runs].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return latest.find((r) => r.state === 'promoted')?.version;
}
