import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { RoutedCounts, TrafficRouter } from '../traffic/routers/traffic-router.js';
import { startConfiguredTraffic, type TrafficStats } from '../traffic/synthetic-traffic.js';
import { monitorCanary } from './monitor-canary.js';
import type { LookRecord } from './report-types.js';
import type { RunContext } from './run-context.js';
import { waitForApproval } from './step-gate.js';
import { type TrafficPhase, trafficPhases } from './traffic-phases.js';
import type { TrafficStepRecord } from './traffic-step-record.js';

export interface TrafficStepsOutcome {
  ok: boolean;
  reason?: string;
  steps: TrafficStepRecord[];
  looks: LookRecord[];
  traffic?: TrafficStats[];
  entryUrl?: string;
}

/**
 * The weighted steps that replace the single monitor window: starts the router (canary at
 * 0 %, its record journaled before any weight is set), then for each step sets the weight,
 * holds it while the monitor judges the step's own traffic, and records the step's verdict.
 * Returns at the first failing step with the weight still set: the caller cuts it to 0 %
 * before the rollback. The promotion phase (100 %) is left to the caller's promote.
 */
export async function runTrafficSteps(
  ctx: RunContext,
  router: TrafficRouter,
  urls: { canaryUrl: string; baselineUrl?: string },
  signal: AbortSignal,
): Promise<TrafficStepsOutcome> {
  const { config } = ctx;
  const phases = trafficPhases(config.steps ?? [], false);
  const started = await router.start(
    { canaryUrl: urls.canaryUrl, ...(urls.baselineUrl ? { stableUrl: urls.baselineUrl } : {}) },
    signal,
  );
  ctx.journal?.append('router.started', { data: { record: started.record } });
  ctx.mark(
    'router.ready',
    `${router.type} router${started.entryUrl ? ` at ${started.entryUrl}` : ''}, canary at 0 %`,
  );
  const traffic = startConfiguredTraffic(
    config.traffic,
    [started.entryUrl],
    maxStepsDurationMs(config, phases),
  );
  const steps: TrafficStepRecord[] = [];
  const looks: LookRecord[] = [];
  const outcome = (ok: boolean, reason?: string): TrafficStepsOutcome => ({
    ok,
    ...(reason ? { reason } : {}),
    steps,
    looks,
    ...(traffic ? { traffic: traffic.stop() } : {}),
    ...(started.entryUrl ? { entryUrl: started.entryUrl } : {}),
  });
  try {
    for (const phase of phases) {
      const record = await runStep(
        ctx,
        router,
        phase,
        urls,
        phases.length,
        started.entryUrl,
        signal,
      );
      steps.push(record.step);
      looks.push(...record.looks);
      if (record.step.status === 'fail')
        return outcome(false, `${phase.label}: ${record.step.reason}`);
      if (phase.gateTimeoutSec !== undefined) {
        ctx.mark('gate.waiting', `${phase.label} passed; waiting for a manual approval`);
        await waitForApproval(config.stateDir, config.env, ctx.runId, phase.gateTimeoutSec, signal);
        ctx.mark('gate.approved', phase.label);
      }
    }
    return outcome(true);
  } finally {
    traffic?.stop();
  }
}

/**
 * Sets the promotion's weight (100 %) before the deployer promotes; journaled like a step,
 * and its record for the report (none when the last step already was 100 %).
 */
export async function setPromotionWeight(
  ctx: RunContext,
  router: TrafficRouter,
): Promise<TrafficStepRecord | undefined> {
  const phases = trafficPhases(ctx.config.steps ?? [], true);
  const promotion = phases.find((p) => p.kind === 'promotion');
  if (!promotion) return undefined;
  const t0 = Date.now();
  const detail = await router.setWeight(promotion.weightPercent);
  say(ctx, `traffic ${promotion.label}: ${detail}`);
  ctx.mark('traffic.weight', detail, {
    weightPercent: promotion.weightPercent,
    step: promotion.index,
  });
  return {
    index: promotion.index,
    of: phases.length - 1,
    kind: 'promotion',
    weightPercent: promotion.weightPercent,
    holdSec: 0,
    status: 'pass',
    startedAt: new Date(t0).toISOString(),
    durationMs: Date.now() - t0,
    looks: 0,
  };
}

async function runStep(
  ctx: RunContext,
  router: TrafficRouter,
  phase: TrafficPhase,
  urls: { canaryUrl: string; baselineUrl?: string },
  stepCount: number,
  entryUrl: string | undefined,
  signal: AbortSignal,
): Promise<{ step: TrafficStepRecord; looks: LookRecord[] }> {
  const t0 = Date.now();
  const detail = await router.setWeight(phase.weightPercent, phase.match);
  ctx.mark('traffic.weight', `${phase.label}: ${detail}`, {
    weightPercent: phase.weightPercent,
    step: phase.index,
    ...(phase.match ? { match: phase.match } : {}),
  });
  say(ctx, `traffic ${phase.label}: ${detail}`);
  const before = await countsOf(router);
  const monitored = await monitorCanary(stepContext(ctx, phase, stepCount, entryUrl), urls, signal);
  const after = await countsOf(router);
  const step: TrafficStepRecord = {
    index: phase.index,
    of: stepCount,
    kind: phase.kind,
    weightPercent: phase.weightPercent,
    ...(phase.match ? { match: phase.match } : {}),
    holdSec: phase.holdSec,
    status: monitored.ok ? 'pass' : 'fail',
    ...(monitored.reason ? { reason: monitored.reason } : {}),
    startedAt: new Date(t0).toISOString(),
    durationMs: Date.now() - t0,
    looks: monitored.looks.length,
    ...(before && after ? { routed: routedDelta(before, after) } : {}),
  };
  const share = step.routed?.canarySharePercent;
  const verdict = `${phase.label}: ${step.status}${step.reason ? ` (${step.reason})` : ''}${share === null || share === undefined ? '' : `; the canary got ${share.toFixed(1)} % of ${step.routed!.stable + step.routed!.canary} requests`}`;
  say(ctx, `traffic ${verdict}`);
  ctx.mark('traffic.step', verdict, { ...step });
  for (const look of monitored.looks) look.step = phase.index;
  return { step, looks: monitored.looks };
}

/**
 * The run's context for one step: the monitor window is the step's hold, and the
 * false-rollback budget is split over the steps, so the whole run keeps the budget the
 * config states. With a router clients reach (haproxy) the synthetic traffic is the
 * steps' own, sent through it; a router inside a cluster leaves the monitor its own.
 */
function stepContext(
  ctx: RunContext,
  phase: TrafficPhase,
  stepCount: number,
  entryUrl: string | undefined,
): RunContext {
  const { config } = ctx;
  const stepConfig: ResolvedCanaryConfig = {
    ...config,
    monitor: { ...config.monitor, durationSec: phase.holdSec },
    traffic: { ...config.traffic, enabled: config.traffic.enabled && !entryUrl },
    analysis: {
      ...config.analysis,
      falseRollbackBudget: config.analysis.falseRollbackBudget / stepCount,
    },
  };
  return { ...ctx, config: stepConfig };
}

async function countsOf(router: TrafficRouter): Promise<RoutedCounts | undefined> {
  try {
    return await router.counts?.();
  } catch {
    return undefined;
  }
}

function routedDelta(before: RoutedCounts, after: RoutedCounts): TrafficStepRecord['routed'] {
  const stable = after.stable - before.stable;
  const canary = after.canary - before.canary;
  const total = stable + canary;
  return {
    stable,
    canary,
    canarySharePercent: total === 0 ? null : Math.round((1000 * canary) / total) / 10,
  };
}

function maxStepsDurationMs(config: ResolvedCanaryConfig, phases: TrafficPhase[]): number {
  const perStep = config.analysis.maxExtendSec + 3 * config.monitor.intervalSec;
  return phases.reduce((sum, p) => sum + (p.holdSec + perStep) * 1000, 0);
}

/** Longest the steps may take, for their journaled step's timeout (gates included). */
export function trafficStepsTimeoutSec(config: ResolvedCanaryConfig): number {
  const phases = trafficPhases(config.steps ?? [], false);
  const gates = phases.reduce((sum, p) => sum + (p.gateTimeoutSec ?? 0), 0);
  return maxStepsDurationMs(config, phases) / 1000 + gates + 60;
}

/** Thrown when a step failed: the rollback's trigger. */
export function stepFailure(outcome: TrafficStepsOutcome): CanaryError {
  return new CanaryError('E_CANARY_FAILED', outcome.reason ?? 'a traffic step failed');
}

function say(ctx: RunContext, message: string): void {
  ctx.emit({ type: 'log', message, elapsedMs: Date.now() - ctx.startedAt });
}
