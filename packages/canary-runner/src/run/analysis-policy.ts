import type { AnalysisPolicy } from '@n1v1/canary-analysis';
import type { ResolvedCanaryConfig } from '../config/config-types.js';

/** The judge's policy for an environment's config: its looks, extension, limits and budgets. */
export function analysisPolicy(config: ResolvedCanaryConfig): AnalysisPolicy {
  const { durationSec, intervalSec } = config.monitor;
  const { analysis } = config;
  return {
    thresholds: config.thresholds,
    plannedLooks: Math.max(1, Math.ceil(durationSec / intervalSec)),
    extensionLooks:
      analysis.insufficientData === 'extend' ? Math.ceil(analysis.maxExtendSec / intervalSec) : 0,
    minSamples: analysis.minSamples,
    falseRollbackBudget: analysis.falseRollbackBudget,
    absoluteAlpha: analysis.absoluteAlpha,
    // Capped so that a short window still judges latency on three quarters of it.
    warmupSec: Math.min(analysis.warmupSec, durationSec / 4),
    minRouteSamples: analysis.minRouteSamples,
  };
}
