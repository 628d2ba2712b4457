import {
  type AnalysisPolicy,
  judgeLook,
  type LookJudgement,
  type TargetWindow,
} from '@n1v1/canary-analysis';
import type { ResolvedCanaryConfig } from '../config/config-types.js';

/**
 * The bake's policy: the environment's limits and budgets over the bake's own looks (one per
 * interval), so that the false-rollback budget is spent over the bake as it is over a canary.
 */
export function bakePolicy(config: ResolvedCanaryConfig): AnalysisPolicy {
  const { durationSec, intervalSec } = config.bake;
  const { analysis } = config;
  return {
    thresholds: config.thresholds,
    plannedLooks: Math.max(1, Math.ceil(durationSec / intervalSec)),
    extensionLooks: 0,
    minSamples: analysis.minSamples,
    falseRollbackBudget: analysis.falseRollbackBudget,
    absoluteAlpha: analysis.absoluteAlpha,
    warmupSec: Math.min(analysis.warmupSec, durationSec / 4),
    minRouteSamples: analysis.minRouteSamples,
  };
}

export interface BakeInterval {
  /** Seconds since the bake started. */
  fromSec: number;
  toSec: number;
  /** Production in that stretch. */
  after: TargetWindow;
  /** Production just before the rollout. */
  before: TargetWindow | null;
}

/**
 * One bake look through @n1v1/canary-analysis: production in one stretch ("after") against
 * production just before the rollout ("before") as the baseline, with the absolute limits
 * too. Each look is its own one-interval comparison: the pre-rollout window is one sample,
 * and summing it into every longer window would count it many times over. The last look
 * (`final`) judges the whole bake window the same way and decides pass or inconclusive.
 */
export function judgeBakeLook(
  config: ResolvedCanaryConfig,
  interval: BakeInterval,
  look: number,
  final: boolean,
): LookJudgement {
  const policy = bakePolicy(config);
  return judgeLook(policy, {
    intervals: [
      {
        fromSec: interval.fromSec,
        toSec: interval.toSec,
        canary: interval.after,
        ...(interval.before ? { baseline: interval.before } : {}),
      },
    ],
    look: final ? policy.plannedLooks : Math.min(look, policy.plannedLooks - 1),
  });
}
