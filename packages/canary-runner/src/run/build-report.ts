import { planAlphas, resolvePolicy } from '@n1v1/canary-analysis';
import type { ResolvedCanaryConfig } from '../config/config-types.js';
import { analysisPolicy } from './analysis-policy.js';
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
  const alphas = planAlphas(resolvePolicy(analysisPolicy(config)));
  return {
    test: 'every look over the last 1, 2, 3, 6 and 12 intervals and the whole run: binomial tests of the absolute limits, exact conditional binomial tests of errors and of the latency tail against the baseline, one-sided Mann-Whitney U of latency; counts divided by the overdispersion of the baseline between intervals; budgets split evenly over looks, windows and tests',
    comparisonAlpha: alphas.comparison,
    comparisonsPlanned: hasBaseline ? alphas.looks * alphas.windows * 4 : 0,
    absoluteAlphaPerTest: alphas.absolute,
    looksPlanned: alphas.looks,
    windowsPerLook: alphas.windows,
    falseRollbackBudget: config.analysis.falseRollbackBudget,
    absoluteAlpha: config.analysis.absoluteAlpha,
    minSamples: config.analysis.minSamples,
    insufficientData: config.analysis.insufficientData,
    onInconclusive: config.analysis.onInconclusive,
    warmupSec: config.analysis.warmupSec,
    maxExtendSec: config.analysis.maxExtendSec,
    thresholds: config.thresholds,
    monitor: config.monitor,
  };
}
