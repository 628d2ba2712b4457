import { CanaryError } from '../canary-error.js';
import { loadCanaryConfig } from '../config/load-config.js';
import type { ManualOptions } from './canary-options.js';
import { deployerForRun } from './deployer-for-run.js';
import { acquireLock } from './lock.js';
import type { ManualReport } from './manual-report.js';
import { promotionPlan } from './promotion-plan.js';
import { withRedactedErrors } from './redacted-errors.js';
import { rollOut } from './roll-out.js';
import { createRunContext, defaultNotifier } from './run-context.js';
import { listRuns, type RunSummary } from './run-history.js';
import { newRunId } from './run-id.js';

/**
 * `n1v1 promote`: rolls the version out to the environment's stable through its deployer
 * (production by default), only when the last canary of that version in the gate
 * environment (`gate`, default staging) passed; otherwise E_NOT_PASSED. Without a
 * version it takes the last canary that passed. Then the bake (unless `noBake`): production
 * watched against its own figures from just before the rollout, and rolled back by itself
 * on a regression.
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
    ...(options.bake ? { overrides: { bake: options.bake } } : {}),
    ...(options.localCommand ? { localCommand: options.localCommand } : {}),
  });
  if (options.noBake) config.bake.enabled = false;
  const canary = passedCanary(listRuns(config.stateDir, config.gate), config.gate, options.version);
  const sameEnv = config.gate === config.env;
  const runId = newRunId();
  const notifier = defaultNotifier(options.notifier) ?? null;
  // In the canary's own environment, promote with the deployer that deployed it.
  const deployer = sameEnv ? deployerForRun(config, canary) : undefined;
  const withDeployer = deployer ? { deployer } : {};
  if (options.dryRun) {
    const ctx = createRunContext({
      config,
      version: canary.version,
      runId,
      notifier,
      ...withDeployer,
    });
    await ctx.deployer.prepare?.();
    return {
      schemaVersion: 1,
      action: 'promote',
      env: config.env,
      runId: canary.runId,
      version: canary.version,
      outcome: 'planned',
      ok: true,
      detail: `dry run: would promote ${canary.version} to ${config.env}${config.bake.enabled ? ` and bake it for ${config.bake.durationSec} s` : ''}`,
      durationMs: Date.now() - started,
      recovered: [],
      notifications: [],
      plan: ctx.redactor.deep(promotionPlan(ctx)),
    };
  }
  const lock = acquireLock(config.stateDir, config.env, runId);
  try {
    return await rollOut({
      config,
      canary,
      runId,
      notifier,
      options,
      started,
      ...withDeployer,
    });
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
