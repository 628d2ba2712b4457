/** The outcome of one check in one look. `insufficient` is not a failure: too few samples to judge. */
export type CheckStatus = 'pass' | 'fail' | 'insufficient';

/** One metric judged in one look: the figures, the test and the limit it was held to. */
export interface CheckResult {
  /** `error-rate`, `p99`, `error-rate-vs-baseline`, `latency-vs-baseline` or `query:<name>`. */
  name: string;
  status: CheckStatus;
  /** The canary's figure: a rate 0..1, a latency in ms, or a query's value. */
  canary: number | null;
  /** The baseline's figure, for comparisons. */
  baseline?: number | null;
  /** The limit the figure is held to (for comparisons: the largest acceptable canary figure). */
  limit?: number;
  /** The test's one-sided p-value, when a statistical test ran. */
  pValue?: number;
  /** The significance the p-value had to beat. */
  alpha?: number;
  test?: 'binomial' | 'mann-whitney' | 'bound';
  /** Requests the figures rest on. */
  samples?: { canary: number; baseline?: number };
  /** One line a person can read: what was measured against what. */
  detail: string;
}

/** The judgement of one look (one interval, or the whole run at the end). */
export interface WindowJudgement {
  status: CheckStatus;
  /** The first failing check's detail, or why the look had too little data. */
  reason?: string;
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
