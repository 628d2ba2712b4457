import type { ResolvedCanaryConfig } from '../config/config-types.js';

/** Baseline comparisons per look: error rate and latency. */
const METRICS_COMPARED = 2;

export interface ComparisonPlan {
  /** Interval looks within the monitor window. */
  plannedLooks: number;
  /** Extra interval looks the `extend` policy may add. */
  extensionLooks: number;
  /** Every baseline comparison the run may make. */
  comparisons: number;
  /** Significance of each: the false-rollback budget split evenly (Bonferroni). */
  alpha: number;
}

/**
 * Fixes, before the first look, how many comparisons the run can make and so the
 * significance each must reach: the union bound keeps the chance that ANY of them rolls
 * back a healthy canary within the budget, however the looks depend on each other.
 */
export function planComparisons(
  config: ResolvedCanaryConfig,
  hasBaseline: boolean,
): ComparisonPlan {
  const { durationSec, intervalSec } = config.monitor;
  const plannedLooks = Math.max(1, Math.ceil(durationSec / intervalSec));
  const extensionLooks =
    config.analysis.insufficientData === 'extend'
      ? Math.ceil(config.analysis.maxExtendSec / intervalSec)
      : 0;
  // Each interval look and each whole-run judgement (one at the end, one per extension).
  const judgements = plannedLooks + 1 + 2 * extensionLooks;
  const comparisons = hasBaseline ? METRICS_COMPARED * judgements : 0;
  return {
    plannedLooks,
    extensionLooks,
    comparisons,
    alpha: config.analysis.falseRollbackBudget / Math.max(1, comparisons),
  };
}
