import {
  type AnalysisPolicy,
  createJudge,
  type ReadBin,
  subtractWindows,
  type TargetWindow,
} from '@n1v1/canary-analysis';
import type { Scenario } from './scenario.js';
import { simulatedHistory } from './simulated-history.js';
import { SimulatedSide } from './simulated-side.js';

/** How one simulated run ended. */
export interface RunResult {
  status: 'pass' | 'fail' | 'inconclusive';
  /** Seconds into monitoring of the deciding look. */
  decidedAtSec: number;
  /** The deciding look, 1-based. */
  look: number;
  reason?: string;
}

/** The decision's settings as the runner's defaults give them. */
export interface SimulatedMonitor {
  policy: AnalysisPolicy;
  intervalSec: number;
  /** A scrape lands this much after the look's tick, at most (uniform), in seconds. */
  scrapeJitterSec: number;
  /** Seconds of the baseline's history before the run the judge gets (the look-back). */
  historySec: number;
  /**
   * Reads of both sides per interval (the scrape source's `metrics.readsPerInterval`) while
   * the history is shorter than `historySec` (as the runner does): the last is the look's;
   * the others give the judge the interval's sub-interval bins. 1: none.
   */
  readsPerInterval: number;
}

/**
 * One monitor window on simulated traffic, judged by the real decision code: both sides
 * serve requests up to each scrape, the scrape reads their cumulative counters, and the
 * interval is the difference of two reads (as the runner computes it); the judge sees one
 * interval per look and decides, extending the window when its policy says so.
 */
export function simulateRun(
  random: () => number,
  scenario: Scenario,
  monitor: SimulatedMonitor,
): RunResult {
  const historySec = scenario.historySec ?? monitor.historySec;
  const history = simulatedHistory(random, scenario, historySec, monitor.intervalSec, burstStarts);
  const judge = createJudge(monitor.policy, { baselineHistory: history });
  const looks = judge.policy.plannedLooks + judge.policy.extensionLooks;
  const horizon = (looks + 1) * monitor.intervalSec;
  const canaryBursts = burstStarts(random, scenario, horizon);
  const baselineBursts = scenario.bursts?.shared
    ? canaryBursts
    : burstStarts(random, scenario, horizon);
  const canary = new SimulatedSide(random, scenario, true, canaryBursts);
  const baseline = new SimulatedSide(random, scenario, false, baselineBursts);
  let before: { canary: TargetWindow; baseline: TargetWindow } = {
    canary: canary.snapshot(),
    baseline: baseline.snapshot(),
  };
  let fromSec = 0;
  // As the runner: sub-interval reads only while the history is short of the look-back.
  const reads = historySec < monitor.historySec ? Math.max(1, monitor.readsPerInterval) : 1;
  for (let k = 1; k <= looks; k++) {
    const bins = { canary: [] as ReadBin[], baseline: [] as ReadBin[] };
    let toSec = fromSec;
    for (let j = 1; j <= reads; j++) {
      const lastCounts = { canary: canary.counters(), baseline: baseline.counters() };
      toSec =
        (k - 1) * monitor.intervalSec +
        (j * monitor.intervalSec) / reads +
        random() * monitor.scrapeJitterSec;
      canary.advanceTo(toSec);
      baseline.advanceTo(toSec);
      if (reads > 1) {
        bins.canary.push(bin(canary.counters(), lastCounts.canary));
        bins.baseline.push(bin(baseline.counters(), lastCounts.baseline));
      }
    }
    const now = { canary: canary.snapshot(), baseline: baseline.snapshot() };
    const look = judge.look(
      {
        fromSec,
        toSec,
        canary: subtractWindows(now.canary, before.canary),
        baseline: subtractWindows(now.baseline, before.baseline),
        ...(reads > 1 ? { reads: bins } : {}),
      },
      { look: k },
    );
    before = now;
    fromSec = toSec;
    if (look.status !== 'continue') {
      return {
        status: look.status,
        decidedAtSec: toSec,
        look: k,
        ...(look.reason ? { reason: look.reason } : {}),
      };
    }
  }
  return { status: 'inconclusive', decidedAtSec: fromSec, look: looks };
}

function bin(
  now: { requests: number; errors: number },
  before: { requests: number; errors: number },
): ReadBin {
  return { requests: now.requests - before.requests, errors: now.errors - before.errors };
}

function burstStarts(random: () => number, scenario: Scenario, horizonSec: number): number[] {
  const bursts = scenario.bursts;
  if (!bursts) return [];
  const starts: number[] = [];
  for (let t = 0; t < horizonSec; t += bursts.everySec)
    starts.push(t + random() * (bursts.everySec - bursts.durationSec));
  return starts;
}
