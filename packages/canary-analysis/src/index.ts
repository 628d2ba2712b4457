export type {
  CheckResult,
  CheckStatus,
  CheckTest,
  LookJudgement,
  LookStatus,
  QueryValue,
} from './check-types.js';
export { judgeQuery } from './checks/judge-query.js';
export { CanaryJudge, createJudge, type JudgeOptions } from './create-judge.js';
export { judgeLook, type LookInput } from './judge-look.js';
export {
  type AlphaPlan,
  type AnalysisPolicy,
  DEFAULT_ANALYSIS,
  DEFAULT_THRESHOLDS,
  planAlphas,
  type ResolvedPolicy,
  resolvePolicy,
  type Thresholds,
  WINDOW_INTERVALS,
} from './policy.js';
export { binomialUpperTail, logGamma } from './stats/binomial.js';
export { chiSquareQuantile } from './stats/chi-square.js';
export { conditionalBinomialP } from './stats/conditional-binomial.js';
export {
  dispersionFactor,
  type IntervalCount,
  withinGroupsDispersion,
} from './stats/dispersion.js';
export {
  type MannWhitneyResult,
  mannWhitneyGreater,
  type WeightedValue,
} from './stats/mann-whitney.js';
export { wilsonInterval } from './stats/wilson.js';
export { type IntervalSample, lookWindows, type ReadBin } from './windows/look-windows.js';
export {
  EMPTY_WINDOW,
  type LatencyBucket,
  type RouteCounts,
  type TargetWindow,
} from './windows/target-window.js';
export {
  countAboveBound,
  countSlowerThan,
  errorRate,
  histogramCount,
  histogramQuantile,
  quantileBound,
  subtractWindows,
  sumWindows,
} from './windows/window-math.js';
