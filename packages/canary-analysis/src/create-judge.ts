import type { LookJudgement, QueryValue } from './check-types.js';
import { judgeLook } from './judge-look.js';
import {
  type AlphaPlan,
  type AnalysisPolicy,
  planAlphas,
  type ResolvedPolicy,
  resolvePolicy,
} from './policy.js';
import type { IntervalSample } from './windows/look-windows.js';
import type { TargetWindow } from './windows/target-window.js';
import { sumWindows } from './windows/window-math.js';

/**
 * The judge of one run: it keeps the run's intervals and judges each look over all of them.
 * Deterministic: the same intervals give the same verdicts (no clock, no I/O).
 */
export class CanaryJudge {
  readonly policy: ResolvedPolicy;
  readonly alphas: AlphaPlan;
  /** The baseline's intervals from before the run, as given (see `JudgeOptions`). */
  readonly baselineHistory: readonly TargetWindow[];
  readonly #intervals: IntervalSample[] = [];

  constructor(policy: AnalysisPolicy, options: JudgeOptions = {}) {
    this.policy = resolvePolicy(policy);
    this.alphas = planAlphas(this.policy);
    this.baselineHistory = options.baselineHistory ?? [];
  }

  /**
   * Adds the interval since the previous look and judges the run so far. `look` is the
   * look's number when it differs from the intervals kept (a read that failed merges two
   * intervals into one: the run is still at its k-th look).
   */
  look(
    sample: IntervalSample,
    options: { queries?: readonly QueryValue[]; look?: number } = {},
  ): LookJudgement {
    this.#intervals.push(sample);
    return judgeLook(this.policy, {
      intervals: this.#intervals,
      baselineHistory: this.baselineHistory,
      ...options,
    });
  }

  /** The intervals judged so far, oldest first. */
  get intervals(): readonly IntervalSample[] {
    return this.#intervals;
  }

  /** Both sides summed over the run so far. */
  totals(): { canary: TargetWindow; baseline?: TargetWindow } {
    const canary = sumWindows(this.#intervals.map((i) => i.canary));
    const baselines = this.#intervals.flatMap((i) => (i.baseline ? [i.baseline] : []));
    return baselines.length ? { canary, baseline: sumWindows(baselines) } : { canary };
  }
}

/** What a judge knows besides its policy. */
export interface JudgeOptions {
  /**
   * The baseline's intervals from before the run, oldest first, each as long as the run's
   * interval (a Prometheus range query of its counters, or the baseline intervals of the
   * environment's earlier runs). The overdispersion is estimated over them and the run's
   * baseline: a service whose errors come in bursts is known to be bursty from the first look.
   */
  baselineHistory?: readonly TargetWindow[];
}

/** A judge for one run of `policy`. */
export function createJudge(policy: AnalysisPolicy, options: JudgeOptions = {}): CanaryJudge {
  return new CanaryJudge(policy, options);
}
