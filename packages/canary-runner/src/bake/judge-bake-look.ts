import type { WindowJudgement } from '../analysis/check-types.js';
import { judgeWindow } from '../analysis/judge-window.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { TargetWindow } from '../metrics/target-window.js';

/** Comparisons per look: error rate and latency against the pre-rollout figures. */
const METRICS_COMPARED = 2;

/**
 * The significance of each before/after comparison: the false-rollback budget split evenly
 * (Bonferroni) over every look the bake makes and its final whole-window look, as the
 * canary's monitor does, so a healthy rollout is rolled back by chance at most that often.
 */
export function bakeComparisonAlpha(config: ResolvedCanaryConfig): number {
  const { durationSec, intervalSec } = config.bake;
  const looks = Math.max(1, Math.ceil(durationSec / intervalSec)) + 1;
  return config.analysis.falseRollbackBudget / (METRICS_COMPARED * looks);
}

/**
 * One bake look: production since the last look ("after") judged by the canary analysis
 * against production just before the rollout ("before"), with the absolute limits too.
 * The one place the bake calls into the analysis, so that a change of analysis API is a
 * change of this file.
 */
export function judgeBakeLook(
  config: ResolvedCanaryConfig,
  after: TargetWindow,
  before: TargetWindow | null,
): WindowJudgement {
  return judgeWindow({
    canary: after,
    ...(before ? { baseline: before } : {}),
    thresholds: config.thresholds,
    analysis: config.analysis,
    comparisonAlpha: bakeComparisonAlpha(config),
  });
}
