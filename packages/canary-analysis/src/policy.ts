/** The limits a canary is held to. */
export interface Thresholds {
  /** Highest acceptable canary error rate, 0..1. Default 0.01. */
  maxErrorRate: number;
  /** Highest acceptable canary p99 latency, in ms. Default 500. */
  maxP99Ms: number;
  /** Largest acceptable canary-minus-baseline error rate, 0..1 (0.01 = one point). Default 0.01. */
  maxErrorRateIncrease: number;
  /** Largest acceptable relative p99 increase over the baseline (0.2 = +20 %). Default 0.2. */
  maxP99Increase: number;
  /** Smallest p99 increase over the baseline that can fail a canary, in ms. Default 25. */
  minP99IncreaseMs: number;
  /** Largest acceptable relative increase of the median latency (0.2 = +20 %). Default 0.2. */
  maxLatencyIncrease?: number;
  /** Smallest median increase that can fail a canary, in ms. Default 5. */
  minLatencyIncreaseMs?: number;
  /**
   * Largest acceptable increase of the share of requests slower than the baseline's p99
   * bucket bound, 0..1 (0.01 = one point of the requests). Default 0.01.
   */
  maxTailShareIncrease?: number;
}

/** How a run is judged: its limits, its looks and its false-rollback budgets. */
export interface AnalysisPolicy {
  thresholds: Thresholds;
  /** Looks within the monitor window (duration / interval). */
  plannedLooks: number;
  /** Extra looks the runner may add when the window ends without enough data. Default 0. */
  extensionLooks?: number;
  /** Requests each side needs in a window before it is judged. Default 50. */
  minSamples?: number;
  /**
   * Chance, over the whole run, that the comparisons with the baseline roll back a canary
   * that behaves like it. Spent evenly over every look, window and comparison. Default 0.005.
   */
  falseRollbackBudget?: number;
  /**
   * Chance, over the whole run, that the absolute limits fail a canary that meets them.
   * Spent evenly over every look, window and limit. Default 0.005.
   */
  absoluteAlpha?: number;
  /** Seconds after the start of monitoring whose latency is not judged (JIT, caches). Default 10. */
  warmupSec?: number;
  /** Requests a route needs on each side in a window to be compared on its own. Default 100. */
  minRouteSamples?: number;
  /**
   * At the end of the window, a check whose figure is beyond its limit with a p-value below
   * this is suspect: the run continues into its extension for the data to decide, instead of
   * passing. Default 0.05.
   */
  suspectP?: number;
}

/** A policy with every default filled in. */
export type ResolvedPolicy = Required<Omit<AnalysisPolicy, 'thresholds'>> & {
  thresholds: Required<Thresholds>;
};

export const DEFAULT_THRESHOLDS: Required<Thresholds> = {
  maxErrorRate: 0.01,
  maxP99Ms: 500,
  maxErrorRateIncrease: 0.01,
  maxP99Increase: 0.2,
  minP99IncreaseMs: 25,
  maxLatencyIncrease: 0.2,
  minLatencyIncreaseMs: 5,
  maxTailShareIncrease: 0.01,
};

/**
 * The analysis defaults besides the limits: the one source of truth (canary-runner's
 * config defaults are these).
 */
export const DEFAULT_ANALYSIS = {
  minSamples: 50,
  falseRollbackBudget: 0.005,
  absoluteAlpha: 0.005,
  warmupSec: 10,
  minRouteSamples: 100,
  suspectP: 0.05,
} as const satisfies Required<
  Omit<AnalysisPolicy, 'thresholds' | 'plannedLooks' | 'extensionLooks'>
>;

export function resolvePolicy(policy: AnalysisPolicy): ResolvedPolicy {
  return {
    ...DEFAULT_ANALYSIS,
    ...stripUndefined(policy),
    plannedLooks: Math.max(1, Math.round(policy.plannedLooks)),
    extensionLooks: Math.max(0, Math.round(policy.extensionLooks ?? 0)),
    thresholds: { ...DEFAULT_THRESHOLDS, ...stripUndefined(policy.thresholds) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Windows every look tests, as counts of the most recent intervals (Infinity: the whole run
 * so far): a ladder that roughly doubles, so a regression of any length has a window about
 * its size. The short ones see a regression that starts late at once, the long ones see a
 * small one that needs many requests; each costs its share of the budget.
 */
export const WINDOW_INTERVALS = [1, 2, 3, 6, 12, Number.POSITIVE_INFINITY] as const;

/** Absolute limits per look and window: error rate and p99. */
const ABSOLUTE_CHECKS = 2;
/** Comparisons per look and window: errors, latency location, latency tail, routes. */
const COMPARISON_CHECKS = 4;

/** The significance each single test must reach: the run's budgets split evenly (Bonferroni). */
export interface AlphaPlan {
  looks: number;
  windows: number;
  /** Per absolute-limit test. */
  absolute: number;
  /** Per comparison test (routes split theirs again by the routes compared). */
  comparison: number;
}

/**
 * Fixes before the first look how many tests the run can make and so the significance each
 * must reach: the union bound keeps the chance that ANY of them fails a healthy canary
 * within the budget, however the looks and windows depend on each other (they overlap, so
 * the real rate is well below it: see the simulation in the README).
 */
export function planAlphas(policy: ResolvedPolicy): AlphaPlan {
  const looks = policy.plannedLooks + policy.extensionLooks;
  const windows = WINDOW_INTERVALS.filter((w) => w < looks).length + 1;
  return {
    looks,
    windows,
    absolute: policy.absoluteAlpha / (looks * windows * ABSOLUTE_CHECKS),
    comparison: policy.falseRollbackBudget / (looks * windows * COMPARISON_CHECKS),
  };
}
