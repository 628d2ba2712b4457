import { planComparisons } from '../analysis/comparison-plan.js';
import { judgeWindow } from '../analysis/judge-window.js';
import { createMetricsSource } from '../metrics/create-metrics-source.js';
import type { MetricsPoll } from '../metrics/metrics-source.js';
import { errorRate, histogramQuantile, type TargetWindow } from '../metrics/target-window.js';
import { probeHealth } from '../probes/health-probe.js';
import { startSyntheticTraffic, type TrafficStats } from '../traffic/synthetic-traffic.js';
import type { LookRecord, TargetFigures } from './report-types.js';
import type { RunContext } from './run-context.js';
import { sleep } from './sleep.js';

export interface MonitorOutcome {
  ok: boolean;
  /** Why it failed, or a warning when it passed on the `pass` policy without enough data. */
  reason?: string;
  looks: LookRecord[];
  traffic?: TrafficStats[];
}

/**
 * Watches the canary for the monitor window: every interval a health probe, the deployer's
 * status and a judgement of the interval's metrics; at the end a judgement of the whole
 * window, with the bounded insufficient-data policy. Returns at the first failure.
 */
export async function monitorCanary(
  ctx: RunContext,
  urls: { canaryUrl: string; baselineUrl?: string },
  signal: AbortSignal,
): Promise<MonitorOutcome> {
  const { monitor, analysis, thresholds, traffic: trafficConfig } = ctx.config;
  const source = createMetricsSource(ctx.config, urls);
  const plan = planComparisons(ctx.config, Boolean(urls.baselineUrl));
  const intervalMs = monitor.intervalSec * 1000;
  const looks: LookRecord[] = [];
  const totalLooks = plan.plannedLooks + plan.extensionLooks;
  const traffic = trafficConfig.enabled
    ? startSyntheticTraffic({
        targets: [urls.canaryUrl, ...(urls.baselineUrl ? [urls.baselineUrl] : [])],
        ratePerSec: trafficConfig.ratePerSec,
        requests: trafficConfig.requests,
        timeoutMs: trafficConfig.timeoutMs,
        maxDurationMs: (totalLooks + 2) * intervalMs,
      })
    : undefined;
  const outcome = (ok: boolean, reason?: string): MonitorOutcome => ({
    ok,
    ...(reason ? { reason } : {}),
    looks,
    ...(traffic ? { traffic: traffic.stop() } : {}),
  });
  let failuresInRow = 0;
  let health = { ok: true, detail: 'not probed yet', failuresInRow: 0 };

  const judge = (
    poll: MetricsPoll,
    index: number,
    kind: LookRecord['kind'],
    t0: number,
  ): LookRecord => {
    const judgement = poll.canary
      ? judgeWindow({
          canary: poll.canary,
          ...(poll.baseline ? { baseline: poll.baseline } : {}),
          thresholds,
          analysis,
          comparisonAlpha: plan.alpha,
          ...(poll.queries ? { queries: poll.queries } : {}),
        })
      : {
          status: 'insufficient' as const,
          reason: poll.problems[0] ?? 'no canary metrics yet',
          checks: [],
        };
    const look: LookRecord = {
      index,
      kind,
      elapsedSec: Math.round((Date.now() - t0) / 100) / 10,
      status: judgement.status,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      health,
      canary: figures(poll.canary),
      ...(urls.baselineUrl ? { baseline: figures(poll.baseline ?? null) } : {}),
      checks: judgement.checks,
      problems: poll.problems,
    };
    looks.push(look);
    ctx.journal?.append('look', {
      data: {
        index,
        kind,
        status: look.status,
        reason: look.reason,
        canary: look.canary,
        baseline: look.baseline,
        health,
      },
    });
    ctx.emit({
      type: 'look',
      look,
      elapsedMs: Date.now() - ctx.startedAt,
      monitorSec: monitor.durationSec,
    });
    return look;
  };

  try {
    await source.start();
    const t0 = Date.now();
    for (let k = 1; k <= totalLooks; k++) {
      await sleep(Math.max(0, t0 + k * intervalMs - Date.now()), signal);
      const [probe, status, poll] = await Promise.all([
        probeHealth(urls.canaryUrl, monitor.requestTimeoutMs, signal),
        ctx.deployer
          .status(ctx.deployContext(signal), ctx.record)
          .catch((e: Error) => ({ healthy: false, detail: e.message })),
        source.poll(),
      ]);
      failuresInRow = probe.ok ? 0 : failuresInRow + 1;
      health = { ok: probe.ok, detail: probe.detail, failuresInRow };
      const look = judge(poll, k, 'interval', t0);
      if (!status.healthy) return outcome(false, status.detail);
      if (failuresInRow >= monitor.maxHealthFailures) {
        return outcome(
          false,
          `health check failed ${failuresInRow} times in a row: ${probe.detail}`,
        );
      }
      if (look.status === 'fail') return outcome(false, look.reason);
      if (k < plan.plannedLooks) continue;
      const final = judge(await source.total(), k, 'final', t0);
      if (final.status === 'fail') return outcome(false, final.reason);
      if (final.status === 'pass') return outcome(true);
      if (analysis.insufficientData === 'pass')
        return outcome(true, `passed without enough data: ${final.reason}`);
      if (analysis.insufficientData === 'fail')
        return outcome(false, `insufficient data: ${final.reason}`);
    }
    const watched = monitor.durationSec + analysis.maxExtendSec;
    return outcome(
      false,
      `insufficient data after ${watched} s: ${looks.at(-1)?.reason ?? 'no samples'}`,
    );
  } finally {
    traffic?.stop();
  }
}

function figures(window: TargetWindow | null): TargetFigures | null {
  if (!window) return null;
  const p99 = histogramQuantile(0.99, window.latency);
  return {
    requests: window.requests,
    errors: window.errors,
    errorRate: errorRate(window),
    p99Ms: p99 === null ? null : p99 * 1000,
  };
}
