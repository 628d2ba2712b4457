import { planComparisons } from '../analysis/comparison-plan.js';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import type { CanaryReport, CanaryVerdict, RunStatistics } from './report-types.js';
import type { RunContext } from './run-context.js';

const PASSED: CanaryVerdict[] = ['ready', 'promoted', 'planned'];

/** The parts of a report every run has; the caller adds what its run produced. */
export function baseReport(
  ctx: RunContext,
  verdict: CanaryVerdict,
  reason: string,
  extra: Partial<CanaryReport>,
): CanaryReport {
  const { config } = ctx;
  // The report is uploaded by CI and rendered to HTML: it carries no secret the run knows.
  return ctx.redactor.deep<CanaryReport>({
    schemaVersion: 1,
    runId: ctx.runId,
    service: config.service,
    env: config.env,
    version: ctx.version,
    verdict,
    passed: PASSED.includes(verdict),
    reason,
    dryRun: verdict === 'planned',
    startedAt: new Date(ctx.startedAt).toISOString(),
    durationMs: Date.now() - ctx.startedAt,
    deployer: config.deployer.type,
    metricsSource: config.metrics.source,
    timeline: ctx.timeline,
    looks: [],
    statistics: statistics(
      config,
      Boolean(extra.baselineUrl ?? config.baselineUrl ?? config.deployer.type === 'local'),
    ),
    recovered: [],
    notifications: ctx.notifications.records,
    ...(ctx.journal ? { journal: ctx.journal.path } : {}),
    ...extra,
  });
}

export function statistics(config: ResolvedCanaryConfig, hasBaseline: boolean): RunStatistics {
  const plan = planComparisons(config, hasBaseline);
  return {
    test: 'one-sided Mann-Whitney U, normal approximation with tie and continuity correction; absolute limits as one-sided binomial tests',
    comparisonAlpha: plan.alpha,
    comparisonsPlanned: plan.comparisons,
    falseRollbackBudget: config.analysis.falseRollbackBudget,
    absoluteAlpha: config.analysis.absoluteAlpha,
    minSamples: config.analysis.minSamples,
    insufficientData: config.analysis.insufficientData,
    maxExtendSec: config.analysis.maxExtendSec,
    thresholds: config.thresholds,
    monitor: config.monitor,
  };
}
