import { subtractWindows, type TargetWindow } from '@n1v1/canary-analysis';
import type { Scenario } from './scenario.js';
import { SimulatedSide } from './simulated-side.js';

/**
 * The baseline's traffic before the run, as a Prometheus range query over the look-back
 * gives it: the same process as the baseline in the run (its rate, error rate, latency,
 * routes and bursts, never the canary's regression or warm-up), read at every interval's
 * step and differenced. A bursty service has a bursty history; a steady one a steady one.
 */
export function simulatedHistory(
  random: () => number,
  scenario: Scenario,
  historySec: number,
  intervalSec: number,
  burstStarts: (random: () => number, scenario: Scenario, horizonSec: number) => number[],
): TargetWindow[] {
  const steps = Math.floor(historySec / intervalSec);
  if (steps < 1) return [];
  const side = new SimulatedSide(
    random,
    scenario,
    false,
    burstStarts(random, scenario, historySec),
  );
  const windows: TargetWindow[] = [];
  let before = side.snapshot();
  for (let k = 1; k <= steps; k++) {
    side.advanceTo(k * intervalSec);
    const now = side.snapshot();
    windows.push(subtractWindows(now, before));
    before = now;
  }
  return windows;
}
