import { basename } from 'node:path';
import { CanaryError, errorMessage } from '../canary-error.js';
import { loadCanaryConfig } from '../config/load-config.js';
import { requireCanaryUrl } from '../config/require-canary-url.js';
import { probeHealth } from '../probes/health-probe.js';
import { writeRunReport } from '../report/write-run-report.js';
import { createRouter } from '../traffic/routers/create-router.js';
import { baseReport } from './build-report.js';
import { type CanaryOptions, defaultVersion, overridesOf } from './canary-options.js';
import { closeRouter, cutTraffic, type TrafficCut } from './cut-traffic.js';
import { Journal } from './journal.js';
import { deployerConfigForJournal } from './journal-deployer-config.js';
import { journalKey, seal } from './journal-key.js';
import { acquireLock } from './lock.js';
import type { MonitorOutcome } from './monitor-canary.js';
import { monitorCanary } from './monitor-canary.js';
import { performRollback, type RollbackOutcome } from './perform-rollback.js';
import { planRun } from './plan-run.js';
import { recoverUnfinishedRuns } from './recover-runs.js';
import { withRedactedErrors } from './redacted-errors.js';
import type { CanaryReport, CanaryVerdict } from './report-types.js';
import { createRunContext, defaultNotifier, type RunContext } from './run-context.js';
import { newRunId } from './run-id.js';
import {
  deployStep,
  journaledStep,
  loadSmokeSuite,
  smokeFailureReason,
  smokeStep,
} from './run-steps.js';
import {
  runTrafficSteps,
  setPromotionWeight,
  stepFailure,
  type TrafficStepsOutcome,
  trafficStepsTimeoutSec,
} from './run-traffic-steps.js';
import { sleep } from './sleep.js';
import { smokeConfigOf } from './smoke-config.js';
import { RunStateMachine } from './state-machine.js';
import { abortOnTerminationSignals } from './termination-signals.js';
import { validateVersion } from './validate-version.js';

/**
 * Deploys a canary, smoke-tests it, watches it against the baseline and either declares it
 * ready (or promotes it) or rolls it back, notifying at every step. Resolves to the report;
 * throws a CanaryError only before anything was deployed (bad config E_CONFIG_INVALID,
 * E_LOCKED).
 */
export function runCanary(options: CanaryOptions = {}): Promise<CanaryReport> {
  return withRedactedErrors(() => runCanaryUnredacted(options));
}

async function runCanaryUnredacted(options: CanaryOptions): Promise<CanaryReport> {
  const config = loadCanaryConfig({
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.configPath ? { path: options.configPath } : {}),
    overrides: overridesOf(options),
    ...(options.localCommand ? { localCommand: options.localCommand } : {}),
  });
  if (config.deployer.type === 'local' && !config.deployer.command)
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `${config.configPath ? basename(config.configPath) : 'no n1v1.config.json found'}: environments.${config.env}.deployer.command is required by the local deployer; set it to the argv that starts your service, e.g. ["node", "dist/server.js"] (the n1v1 CLI runs its example service when there is no config file)`,
    );
  // The smoke step's own config is checked now, not after the canary was deployed.
  await smokeConfigOf(config);
  requireCanaryUrl(config);
  const version = validateVersion(options.version ?? defaultVersion());
  const runId = newRunId();
  const notifier = defaultNotifier(options.notifier);
  const context = {
    config,
    version,
    runId,
    notifier: notifier ?? null,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  if (options.dryRun) {
    const ctx = createRunContext(context);
    await ctx.deployer.prepare?.();
    return planRun(ctx, options);
  }

  // Ready before the smoke step; a failure to load surfaces there, in the run's report.
  if (config.smoke.enabled) loadSmokeSuite().catch(() => {});
  const lock = acquireLock(config.stateDir, config.env, runId);
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason ?? 'aborted by the caller');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const removeSignals =
    options.handleSignals === false ? () => {} : abortOnTerminationSignals(controller);
  try {
    const recovered = await recoverUnfinishedRuns({
      config,
      notifier: notifier ?? null,
      currentRunId: runId,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const journal = new Journal(config.stateDir, config.env, runId);
    const ctx = createRunContext({ ...context, journal });
    const report = await executeRun(ctx, options, controller.signal);
    report.recovered = recovered;
    writeRunReport(journal.path, 'canary', report);
    return report;
  } finally {
    removeSignals();
    options.signal?.removeEventListener('abort', onAbort);
    lock.release();
  }
}

async function executeRun(
  ctx: RunContext,
  options: CanaryOptions,
  signal: AbortSignal,
): Promise<CanaryReport> {
  const { config, journal } = ctx;
  let trigger = '';
  const machine = new RunStateMachine((from, to, event) => {
    journal?.append('transition', { data: { from, to, event } });
    // A failure carries its trigger, so a log line says why the rollback follows.
    const detail = to === 'failed' ? { detail: trigger } : {};
    ctx.emit({ type: 'phase', phase: to, elapsedMs: Date.now() - ctx.startedAt, ...detail });
  });
  // As the journal stores it (redacted), so that the seal covers exactly what is on disk.
  const recordedDeployer = ctx.redactor.deep(deployerConfigForJournal(config.deployer));
  journal?.append('run.started', {
    // The deployer's config goes with the run: its rollback must undo what this config did.
    // Environment values stay out of the file; the rollback takes them from its own config.
    data: {
      version: ctx.version,
      service: config.service,
      env: config.env,
      pid: process.pid,
      deployer: config.deployer.type,
      deployerConfig: recordedDeployer,
      // Sealed with the state directory's key: a rollback runs a recorded config that differs
      // from the current one only if this seal proves the runner wrote it.
      deployerConfigSeal: seal(journalKey(config.stateDir), recordedDeployer),
      metrics: config.metrics.source,
    },
  });
  ctx.notifications.send('deploy.started');
  ctx.mark(
    'deploy.started',
    `${config.service} ${ctx.version} to ${config.env} with the ${config.deployer.type} deployer`,
  );
  machine.fire('start');
  let urls: { canaryUrl?: string; baselineUrl?: string } = {};
  let smoke: CanaryReport['smoke'];
  let monitored: MonitorOutcome | undefined;
  let reason = '';
  let rollback: RollbackOutcome | undefined;
  let promotion: CanaryReport['promotion'];
  // With steps, the weighted steps through the router replace the single monitor window.
  const router = config.steps?.length ? createRouter(config, ctx.runId) : undefined;
  let stepped: TrafficStepsOutcome | undefined;
  let cut: TrafficCut | undefined;
  try {
    urls = await deployStep(ctx, signal);
    machine.fire('deployed');
    if (config.smoke.enabled) {
      smoke = await smokeStep(ctx, urls.canaryUrl!, signal);
      if (smoke.status === 'fail')
        throw new CanaryError('E_CANARY_FAILED', smokeFailureReason(smoke));
    }
    machine.fire('smoked');
    if (router) {
      stepped = await journaledStep(ctx, 'steps', trafficStepsTimeoutSec(config), signal, (s) =>
        runTrafficSteps(ctx, router, urls as { canaryUrl: string; baselineUrl?: string }, s),
      );
      if (!stepped.ok) throw stepFailure(stepped);
    } else {
      monitored = await journaledStep(ctx, 'monitor', monitorTimeoutSec(ctx), signal, (s) =>
        monitorCanary(ctx, urls as { canaryUrl: string; baselineUrl?: string }, s),
      );
      if (!monitored.ok)
        throw new CanaryError('E_CANARY_FAILED', monitored.reason ?? 'analysis failed');
    }
    machine.fire('monitored');
    await finalHealthCheck(ctx, urls.canaryUrl!, signal);
    machine.fire('checked');
    reason =
      monitored?.reason ??
      (stepped
        ? `passed ${stepped.steps.length} traffic steps (${stepped.steps.map((st) => `${st.weightPercent} %`).join(', ')}): every health probe and analysis passed`
        : `healthy for ${config.monitor.durationSec} s: every health probe and analysis passed`);
    ctx.mark('canary.passed', reason);
    ctx.notifications.send('deploy.succeeded', { reason, durationMs: Date.now() - ctx.startedAt });
    if (config.autoPromote) {
      machine.fire('promote');
      const promotionStep = router ? await setPromotionWeight(ctx, router) : undefined;
      if (promotionStep) stepped?.steps.push(promotionStep);
      const detail = await journaledStep(ctx, 'promote', config.timeouts.promoteSec, signal, (s) =>
        ctx.deployer.promote(ctx.deployContext(s), ctx.record),
      );
      journal?.append('promote.finished', { ok: true, data: { detail } });
      promotion = { ok: true, detail };
      ctx.mark('promoted', detail);
      machine.fire('promote-ok');
      if (router && router.type !== 'haproxy') {
        // The stable version now runs what the canary ran: it takes all traffic again.
        const back = await router.setWeight(0);
        ctx.mark('traffic.weight', `the promoted stable takes all traffic: ${back}`, {
          weightPercent: 0,
        });
      }
    }
  } catch (error) {
    trigger =
      signal.aborted && !(error instanceof CanaryError && error.code === 'E_TIMEOUT')
        ? interruptedReason(signal)
        : errorMessage(error);
    // Users stop reaching the canary first; the rollback may take minutes.
    if (router && ctx.timeline.some((e) => e.event === 'router.ready'))
      cut = await cutTraffic(ctx, router, trigger);
    if (machine.state === 'promoting') promotion = { ok: false, detail: trigger };
    machine.fire('fail');
    ctx.mark('canary.failed', trigger);
    ctx.notifications.send('deploy.failed', {
      reason: trigger,
      durationMs: Date.now() - ctx.startedAt,
    });
    const keepInconclusive = monitored?.inconclusive && config.analysis.onInconclusive === 'keep';
    if (options.noRollback || keepInconclusive) {
      machine.fire('keep');
      ctx.mark(
        'rollback.skipped',
        options.noRollback
          ? '--no-rollback: the canary stays in place'
          : 'inconclusive with analysis.onInconclusive "keep": the canary stays in place, not promoted',
      );
    } else {
      machine.fire('rollback');
      rollback = await performRollback(ctx, ctx.record, trigger);
      machine.fire(rollback.ok ? 'rollback-ok' : 'rollback-error');
      if (rollback.timedOut) machine.fire('lost');
    }
    reason = rollback && !rollback.ok ? `${trigger}; rollback failed: ${rollback.detail}` : trigger;
  }
  if (router) await closeRouter(ctx, router);
  await releaseIfEphemeral(ctx);
  const verdict = machine.state as CanaryVerdict;
  journal?.append('run.finished', { data: { verdict, reason } });
  const notifications = await ctx.notifications.finish(options.notifyFlushTimeoutMs ?? 5000);
  return baseReport(ctx, verdict, reason, {
    ...(urls.canaryUrl ? { canaryUrl: urls.canaryUrl } : {}),
    ...(urls.baselineUrl ? { baselineUrl: urls.baselineUrl } : {}),
    looks: monitored?.looks ?? stepped?.looks ?? [],
    ...(monitored
      ? {
          analysisOutcome: monitored.ok ? 'pass' : monitored.inconclusive ? 'inconclusive' : 'fail',
        }
      : {}),
    ...(smoke ? { smoke } : {}),
    ...(monitored?.traffic ? { traffic: monitored.traffic } : {}),
    ...(stepped?.traffic ? { traffic: stepped.traffic } : {}),
    ...(stepped ? { steps: stepped.steps } : {}),
    ...(router
      ? {
          router: {
            type: router.type,
            ...(stepped?.entryUrl ? { entryUrl: stepped.entryUrl } : {}),
            ...(cut ? { cut } : {}),
          },
        }
      : {}),
    ...(rollback
      ? {
          rollback: {
            trigger,
            ok: rollback.ok,
            detail: rollback.detail,
            durationMs: rollback.durationMs,
          },
        }
      : {}),
    ...(promotion ? { promotion } : {}),
    notifications,
  });
}

/** The final health check after the window: a few tries, as the monitor's health rule allows. */
async function finalHealthCheck(
  ctx: RunContext,
  canaryUrl: string,
  signal: AbortSignal,
): Promise<void> {
  const { maxHealthFailures, requestTimeoutMs } = ctx.config.monitor;
  let last = '';
  for (let attempt = 1; attempt <= maxHealthFailures; attempt++) {
    const probe = await probeHealth(canaryUrl, requestTimeoutMs, signal);
    if (probe.ok) {
      ctx.mark('final-check.passed', probe.detail);
      return;
    }
    last = probe.detail;
    if (attempt < maxHealthFailures) await sleep(1000, signal);
  }
  throw new CanaryError(
    'E_CANARY_FAILED',
    `final health check failed ${maxHealthFailures} times: ${last}`,
  );
}

async function releaseIfEphemeral(ctx: RunContext): Promise<void> {
  if (!ctx.deployer.release) return;
  try {
    await ctx.deployer.release(ctx.deployContext(new AbortController().signal), ctx.record);
  } catch (error) {
    ctx.mark('release.failed', errorMessage(error));
  }
}

function monitorTimeoutSec(ctx: RunContext): number {
  const { monitor, analysis } = ctx.config;
  // The monitor keeps its own time; this only bounds a source that hangs past every timeout.
  return monitor.durationSec + analysis.maxExtendSec + 3 * monitor.intervalSec + 60;
}

function interruptedReason(signal: AbortSignal): string {
  const reason = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'interrupted');
}
