/** The outcome of one check in one look. `insufficient` is not a failure: too few samples to judge. */
export type CheckStatus = 'pass' | 'fail' | 'insufficient';

/**
 * What one look decides. `fail`: roll back now. `continue`: nothing wrong yet, keep watching.
 * `pass`: the window is over and every check was judged and passed. `inconclusive`: the
 * window (and any extension) is over without enough data, or too much noise, to decide:
 * never a pass.
 */
export type LookStatus = 'pass' | 'fail' | 'inconclusive' | 'continue';

/** The statistical test behind a check. */
export type CheckTest =
  | 'binomial'
  | 'conditional-binomial'
  | 'mann-whitney'
  | 'tail-share'
  | 'bound';

/** One metric judged in one look: the figures, the test and the limit it was held to. */
export interface CheckResult {
  /**
   * `error-rate`, `p99`, `error-rate-vs-baseline`, `latency-vs-baseline`, `tail-vs-baseline`,
   * `route:<route>`, `route-latency:<route>` or `query:<name>`.
   */
  name: string;
  status: CheckStatus;
  /** The canary's figure: a rate 0..1, a latency in ms, or a query's value. */
  canary: number | null;
  /** The baseline's figure, for comparisons. */
  baseline?: number | null;
  /** The limit the figure is held to (for comparisons: the largest acceptable canary figure). */
  limit?: number;
  /** The figure is beyond its limit, significantly or not (a `fail` needs both). */
  exceeds?: boolean;
  /** The test's one-sided p-value, when a statistical test ran. */
  pValue?: number;
  /** The significance the p-value had to beat (this check's share of the budget). */
  alpha?: number;
  test?: CheckTest;
  /** Requests the figures rest on. */
  samples?: { canary: number; baseline?: number };
  /** The overdispersion factor the counts were divided by (1: independent requests). */
  dispersion?: number;
  /** The stretch of the run the figures cover, in seconds since monitoring started. */
  window?: { fromSec: number; toSec: number };
  /** One line a person can read: what was measured against what. */
  detail: string;
}

/** The judgement of one look. */
export interface LookJudgement {
  status: LookStatus;
  /** The failing check's detail, or why the run is inconclusive. */
  reason?: string;
  /** The checks of the look: the most telling window of each (a failure, else the longest). */
  checks: CheckResult[];
}

/** A user query's answer as the analysis needs it. */
export interface QueryValue {
  name: string;
  /** The single series' value; null when the result was empty or NaN. */
  value: number | null;
  /** Series the query returned; more than one is ambiguous and fails the check. */
  seriesCount: number;
  max?: number;
  min?: number;
}
