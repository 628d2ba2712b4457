import type { AlphaPlan, ResolvedPolicy } from '../policy.js';
import type { TargetWindow } from '../windows/target-window.js';

/** A stretch of the run as one check sees it: both sides summed over its intervals. */
export interface JudgedWindow {
  fromSec: number;
  toSec: number;
  canary: TargetWindow;
  baseline?: TargetWindow;
  /** True for the window that covers every interval this kind of check may use. */
  whole: boolean;
  /** Overdispersion of errors inside the window's intervals, from their sub-interval reads (1 without). */
  readsDispersion: number;
}

/** What every check needs besides its window. */
export interface CheckContext {
  policy: ResolvedPolicy;
  alphas: AlphaPlan;
  /** Overdispersion factor of the baseline's error counts between intervals. */
  errorDispersion: number;
  /** Overdispersion factor of the baseline's slow-request counts between intervals. */
  tailDispersion: number;
  /** The baseline's p99 bucket bound over the whole judged run, in seconds. */
  tailBoundSec: number | null;
  /** The look at the end of the window (or of an extension): absolute limits hold as they are. */
  final: boolean;
}

/** The factor the window's error counts are divided by: the larger of the baseline's and the reads'. */
export function errorPhi(window: JudgedWindow, ctx: CheckContext): number {
  return Math.max(ctx.errorDispersion, window.readsDispersion);
}

export function bounds(window: JudgedWindow) {
  return { fromSec: window.fromSec, toSec: window.toSec };
}
