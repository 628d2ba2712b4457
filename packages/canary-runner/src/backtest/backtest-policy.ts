import { createJudge, type IntervalSample, wilsonInterval } from '@n1v1/canary-analysis';
import { CanaryError } from '../canary-error.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { resolveMapping } from '../metrics/mapping/presets.js';
import { analysisPolicy } from '../run/analysis-policy.js';
import { type RecordedInterval, recordedIntervals } from './baseline-history.js';

export interface BacktestOptions {
  config: ResolvedCanaryConfig;
  /** Hours of history to replay, ending now. Default 24. */
  hours?: number;
  /** The end of the history, in ms since the epoch. Default now. */
  nowMs?: number;
}

/** A replayed run that would have rolled back a canary no different from the baseline. */
export interface BacktestRollback {
  /** When the replayed window started, ISO 8601. */
  startedAt: string;
  status: 'fail' | 'inconclusive';
  /** The look that failed, 1-based, and its seconds into the window. */
  look: number;
  atSec: number;
  reason: string;
}

export interface BacktestResult {
  env: string;
  selector: string;
  hours: number;
  /** Replayed windows, each a full run of the policy. */
  windows: number;
  rollbacks: BacktestRollback[];
  /** rollbacks / windows, with its 95 % Wilson interval. */
  falseRollbackRate: number;
  interval: { low: number; high: number };
  /** Windows skipped because the history had a gap (no sample in an interval). */
  skipped: number;
}

/**
 * Replays the environment's policy on its own recorded traffic from Prometheus: the
 * baseline's history is cut in windows of a run's length (extension included), and each
 * window is judged as a canary against the window before it, look by look, exactly as a
 * run would judge it. Both are the same version, so every rollback is a false one: the rate
 * the team would have had. Comparing a window with the previous one is stricter than a real
 * run, whose canary and baseline share the moment (and its bursts).
 */
export async function backtestPolicy(options: BacktestOptions): Promise<BacktestResult> {
  const { config } = options;
  const metrics = config.metrics;
  if (metrics.source !== 'prometheus' || !metrics.baselineSelector) {
    throw new CanaryError(
      'E_CONFIG_INVALID',
      `environments.${config.env}.metrics: a backtest replays history from Prometheus; set metrics.source to "prometheus" with a baselineSelector`,
    );
  }
  const hours = options.hours ?? 24;
  const policy = analysisPolicy(config);
  const stepSec = config.monitor.intervalSec;
  const looks = policy.plannedLooks + (policy.extensionLooks ?? 0);
  const endSec = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const history = await recordedIntervals({
    url: metrics.url,
    selector: metrics.baselineSelector,
    mapping: resolveMapping(metrics.preset, metrics.mapping),
    excludeRoutes: metrics.excludeRoutes,
    startSec: endSec - hours * 3600,
    endSec,
    stepSec,
    timeoutMs: Math.max(config.monitor.requestTimeoutMs, 30_000),
  });
  const rollbacks: BacktestRollback[] = [];
  let windows = 0;
  let skipped = 0;
  for (let start = looks; start + looks <= history.length; start += looks) {
    const canary = history.slice(start, start + looks);
    const baseline = history.slice(start - looks, start);
    if (hasGap([...baseline, ...canary], stepSec)) {
      skipped++;
      continue;
    }
    windows++;
    const rollback = replay(canary, baseline, policy, stepSec);
    if (rollback) rollbacks.push(rollback);
  }
  const { low, high } = wilsonInterval(rollbacks.length, windows);
  return {
    env: config.env,
    selector: metrics.baselineSelector,
    hours,
    windows,
    rollbacks,
    falseRollbackRate: windows ? rollbacks.length / windows : 0,
    interval: { low, high },
    skipped,
  };
}

function replay(
  canary: RecordedInterval[],
  baseline: RecordedInterval[],
  policy: ReturnType<typeof analysisPolicy>,
  stepSec: number,
): BacktestRollback | undefined {
  const judge = createJudge(policy);
  for (let k = 0; k < canary.length; k++) {
    const sample: IntervalSample = {
      fromSec: k * stepSec,
      toSec: (k + 1) * stepSec,
      canary: canary[k]!.window,
      baseline: baseline[k]!.window,
    };
    const look = judge.look(sample, { look: k + 1 });
    if (look.status === 'continue') continue;
    if (look.status === 'pass') return undefined;
    return {
      startedAt: new Date((canary[0]!.atSec - stepSec) * 1000).toISOString(),
      status: look.status,
      look: k + 1,
      atSec: (k + 1) * stepSec,
      reason: look.reason ?? look.status,
    };
  }
  return undefined;
}

function hasGap(intervals: RecordedInterval[], stepSec: number): boolean {
  return intervals.some(
    (interval, i) => i > 0 && interval.atSec - intervals[i - 1]!.atSec > stepSec * 1.5,
  );
}
