import { CanaryError, errorMessage } from '../canary-error.js';
import { loadCanaryConfig } from '../config/load-config.js';
import type { ManualOptions } from './canary-options.js';
import { deployerForRun } from './deployer-for-run.js';
import { Journal } from './journal.js';
import { acquireLock } from './lock.js';
import type { ManualReport } from './manual-report.js';
import type { PlannedAction } from './planned-action.js';
import { withRedactedErrors } from './redacted-errors.js';
import { createRunContext, defaultNotifier } from './run-context.js';
import { listRuns, type RunSummary } from './run-history.js';
import { newRunId } from './run-id.js';
import { withTimeout } from './with-timeout.js';

/**
 * `n1v1 promote`: rolls the version out to the environment's stable through its deployer
 * (production by default), only when the last canary of that version in the gate
 * environment (`gate`, default staging) passed; otherwise E_NOT_PASSED. Without a
 * version it takes the last canary that passed.
 */
export function promote(options: ManualOptions = {}): Promise<ManualReport> {
  return withRedactedErrors(() => promoteUnredacted(options));
}

async function promoteUnredacted(options: ManualOptions): Promise<ManualReport> {
  const started = Date.now();
  const config = loadCanaryConfig({
    env: options.env ?? 'production',
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.configPath ? { path: options.configPath } : {}),
    ...(options.localCommand ? { localCommand: options.localCommand } : {}),
  });
  const canary = passedCanary(listRuns(config.stateDir, config.gate), config.gate, options.version);
  const sameEnv = config.gate === config.env;
  const runId = newRunId();
  const notifier = defaultNotifier(options.notifier) ?? null;
  // In the canary's own environment, promote with the deployer that deployed it.
  const deployer = sameEnv ? deployerForRun(config, canary) : undefined;
  const withDeployer = deployer ? { deployer } : {};
  const base = {
    schemaVersion: 1 as const,
    action: 'promote' as const,
    env: config.env,
    runId: canary.runId,
    version: canary.version,
  };
  if (options.dryRun) {
    const ctx = createRunContext({
      config,
      version: canary.version,
      runId,
      notifier,
      ...withDeployer,
    });
    await ctx.deployer.prepare?.();
    const plan: PlannedAction[] = [
      ...ctx.notifications.plan(['deploy.started'], 'promote'),
      ...ctx.deployer.plan('promote', ctx.deployContext(new AbortController().signal)),
      ...ctx.notifications.plan(['deploy.succeeded', 'deploy.failed'], 'promote'),
    ];
    return {
      ...base,
      outcome: 'planned',
      ok: true,
      detail: `dry run: would promote ${canary.version} to ${config.env}`,
      durationMs: Date.now() - started,
      recovered: [],
      notifications: [],
      plan: ctx.redactor.deep(plan),
    };
  }
  const lock = acquireLock(config.stateDir, config.env, runId);
  try {
    // In the canary's own environment the promotion belongs to its run; elsewhere it is a run of its own.
    const journal = new Journal(config.stateDir, config.env, sameEnv ? canary.runId : runId);
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
      runId: sameEnv ? canary.runId : runId,
      journal,
      notifier,
      ...withDeployer,
    });
    ctx.notifications.send('deploy.started', {
      message: `promotion of ${canary.version} after canary run ${canary.runId} passed in ${config.gate}`,
    });
    journal.append('step.started', { step: 'promote' });
    let ok = true;
    let detail: string;
    try {
      detail = await withTimeout(
        'promote',
        config.timeouts.promoteSec * 1000,
        undefined,
        (signal) =>
          ctx.deployer.promote(ctx.deployContext(signal), sameEnv ? canary.record : undefined),
      );
      ctx.notifications.send('deploy.succeeded', {
        message: detail,
        durationMs: Date.now() - started,
      });
    } catch (error) {
      ok = false;
      detail = errorMessage(error);
      ctx.notifications.send('deploy.failed', {
        reason: `promotion failed: ${detail}`,
        durationMs: Date.now() - started,
      });
    }
    journal.append('promote.finished', { ok, data: { detail } });
    if (!sameEnv)
      journal.append('run.finished', {
        data: { verdict: ok ? 'promoted' : 'failed', reason: detail },
      });
    const notifications = await ctx.notifications.finish(options.notifyFlushTimeoutMs ?? 5000);
    return {
      ...base,
      outcome: ok ? 'promoted' : 'promote-failed',
      ok,
      detail,
      durationMs: Date.now() - started,
      recovered: [],
      notifications,
    };
  } finally {
    lock.release();
  }
}

/** The last canary of the version in the gate environment, which must have passed. */
export function passedCanary(runs: RunSummary[], gate: string, version?: string): RunSummary {
  const finished = runs.filter((r) => r.finished && r.deployStarted);
  const passed = (r: RunSummary) => r.state === 'ready' || r.state === 'promoted';
  const wanted = version ?? [...finished].reverse().find(passed)?.version;
  if (!wanted)
    throw new CanaryError(
      'E_NOT_PASSED',
      `no canary has passed in ${gate}; run "n1v1 canary --env=${gate}" first`,
    );
  const last = [...finished].reverse().find((r) => r.version === wanted);
  if (!last)
    throw new CanaryError(
      'E_NOT_PASSED',
      `no canary of ${wanted} ran in ${gate}; run "n1v1 canary --env=${gate} --version=${wanted}" first`,
    );
  if (!passed(last)) {
    throw new CanaryError(
      'E_NOT_PASSED',
      `the last canary of ${wanted} in ${gate} (run ${last.runId}) ended ${last.state}${last.reason ? `: ${last.reason}` : ''}; refusing to promote`,
    );
  }
  return last;
}
