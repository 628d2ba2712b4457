import type { RouteMatch, TrafficStep } from '../config/config-types.js';

/** One weight the run sets, in order: the steps, then (with autoPromote) the promotion. */
export interface TrafficPhase {
  /** 1-based position among the steps; the promotion comes after the last. */
  index: number;
  kind: 'step' | 'promotion';
  /** "step 2/4 (25 %)" */
  label: string;
  weightPercent: number;
  match?: RouteMatch;
  /** Held and analysed for this long; 0 for the promotion. */
  holdSec: number;
  /** A manual gate after the hold, with its longest wait in seconds. */
  gateTimeoutSec?: number;
}

/**
 * The weights a run sets, derived once from the environment's steps: both the run and its
 * `--dry-run` walk this list, so the plan cannot say something the run would not do.
 * After the last step passes, the canary is promoted at 100 % (a step of 100 % already is
 * that promotion's weight, so it is not set twice).
 */
export function trafficPhases(steps: TrafficStep[], autoPromote: boolean): TrafficPhase[] {
  const phases: TrafficPhase[] = steps.map((step, i) => ({
    index: i + 1,
    kind: 'step',
    label: `step ${i + 1}/${steps.length} (${step.weight} %${step.match ? ' + match' : ''})`,
    weightPercent: step.weight,
    ...(step.match ? { match: step.match } : {}),
    holdSec: step.holdSec,
    ...(step.gate === 'manual' ? { gateTimeoutSec: step.gateTimeoutSec ?? 3600 } : {}),
  }));
  const last = steps.at(-1);
  if (autoPromote && !(last?.weight === 100 && !last.match)) {
    phases.push({
      index: steps.length + 1,
      kind: 'promotion',
      label: 'promotion (100 %)',
      weightPercent: 100,
      holdSec: 0,
    });
  }
  return phases;
}

/** The one change every failure makes before its rollback: users stop reaching the canary. */
export const CUT_WEIGHT_PERCENT = 0;
