import type { CheckResult, LookJudgement, QueryValue } from './check-types.js';
import { errorLimitCheck } from './checks/error-limit.js';
import { errorVsBaselineCheck } from './checks/error-vs-baseline.js';
import { judgeQuery } from './checks/judge-query.js';
import type { CheckContext } from './checks/judged-window.js';
import { latencyLocationCheck } from './checks/latency-location.js';
import { latencyTailCheck } from './checks/latency-tail.js';
import { p99LimitCheck } from './checks/p99-limit.js';
import { routeChecks, routeLatencyChecks } from './checks/route-errors.js';
import { type AnalysisPolicy, planAlphas, type ResolvedPolicy, resolvePolicy } from './policy.js';
import { dispersionFactor } from './stats/dispersion.js';
import { type IntervalSample, lookWindows } from './windows/look-windows.js';
import type { TargetWindow } from './windows/target-window.js';
import {
  countAboveBound,
  histogramCount,
  quantileBound,
  sumWindows,
} from './windows/window-math.js';

export interface LookInput {
  /** Every interval of the run so far, oldest first. */
  intervals: readonly IntervalSample[];
  /** The look's number, 1-based. Default: the number of intervals. */
  look?: number;
  /** The user's queries, read at this look. */
  queries?: readonly QueryValue[];
  /**
   * The baseline's intervals from before the run (its recorded history, oldest first, each
   * as long as a run's interval). Only its interval-to-interval variation is used: the
   * overdispersion of errors and slow requests is estimated over these and the run's own
   * baseline intervals, so a burst the baseline is prone to counts before it recurs.
   */
  baselineHistory?: readonly TargetWindow[];
}

/** Checks a pass needs judged over the whole run; the others may lack data. */
const REQUIRED = ['error-rate', 'p99', 'error-rate-vs-baseline', 'latency-vs-baseline'];

/**
 * Judges one look of a run from its intervals so far: every check over the windows of
 * `lookWindows` (latency only after the warm-up), each at its share of the budget. Any
 * failure fails the look. At the end of the window the run passes when every required
 * check was judged over the whole run; without enough data, or with a figure beyond its
 * limit that is not yet significant, it continues while extension looks remain, and is
 * `inconclusive` (for lack of data) after them.
 */
export function judgeLook(
  policy: AnalysisPolicy | ResolvedPolicy,
  input: LookInput,
): LookJudgement {
  const resolved = resolvePolicy(policy);
  const { intervals } = input;
  const look = input.look ?? intervals.length;
  const hasBaseline = intervals.length > 0 && intervals.every((i) => i.baseline !== undefined);
  const timed = intervals.filter((i) => i.fromSec >= resolved.warmupSec);
  const ctx = context(resolved, {
    intervals,
    timed,
    history: hasBaseline ? (input.baselineHistory ?? []) : [],
    hasBaseline,
    final: look >= resolved.plannedLooks,
  });
  const checks: CheckResult[] = [];
  for (const window of lookWindows(intervals)) {
    checks.push(errorLimitCheck(window, ctx));
    if (window.baseline)
      checks.push(errorVsBaselineCheck(window, ctx), ...routeChecks(window, ctx));
  }
  for (const window of lookWindows(timed)) {
    checks.push(p99LimitCheck(window, ctx));
    if (window.baseline)
      checks.push(
        latencyLocationCheck(window, ctx),
        latencyTailCheck(window, ctx),
        ...routeLatencyChecks(window, ctx),
      );
  }
  const queries = (input.queries ?? []).map(judgeQuery);
  const summary = summarize(checks, queries, timed.length === 0);
  const failed = summary.find((c) => c.status === 'fail');
  if (failed) return { status: 'fail', reason: failed.detail, checks: summary };
  if (!ctx.final) return { status: 'continue', checks: summary };
  const lacking = summary.find(
    (c) =>
      c.status === 'insufficient' &&
      (REQUIRED.includes(c.name) || c.name.startsWith('query:')) &&
      (hasBaseline || !c.name.endsWith('-vs-baseline')),
  );
  const last = look >= resolved.plannedLooks + resolved.extensionLooks;
  if (lacking) {
    return last
      ? { status: 'inconclusive', reason: lacking.detail, checks: summary }
      : { status: 'continue', reason: lacking.detail, checks: summary };
  }
  const suspect = last ? undefined : checks.find((c) => isSuspect(c, resolved.suspectP));
  if (suspect)
    return { status: 'continue', reason: `extending: ${suspect.detail}`, checks: summary };
  return { status: 'pass', checks: summary };
}

function context(
  policy: ResolvedPolicy,
  run: {
    intervals: readonly IntervalSample[];
    timed: readonly IntervalSample[];
    history: readonly TargetWindow[];
    hasBaseline: boolean;
    final: boolean;
  },
): CheckContext {
  const { hasBaseline, history, final } = run;
  const baselineIntervals = hasBaseline ? run.intervals.map((i) => i.baseline!) : [];
  const timedBaseline = hasBaseline ? run.timed.map((i) => i.baseline!) : [];
  const tailBoundSec = hasBaseline ? quantileBound(0.99, sumWindows(timedBaseline).latency) : null;
  // The history is the same service before the canary existed: its variation is the normal.
  // Each stretch gets its own factor, the larger holds: a rate that moved between the two
  // (other traffic, the hour of the day) is no variation between intervals.
  const errors = (b: TargetWindow) => ({ hits: b.errors, trials: b.requests });
  const errorDispersion = Math.max(
    dispersionFactor(history.map(errors)),
    dispersionFactor(baselineIntervals.map(errors)),
  );
  const slow = (b: TargetWindow) => ({
    hits: countAboveBound(tailBoundSec!, b.latency),
    trials: histogramCount(b.latency),
  });
  const tailDispersion =
    tailBoundSec !== null && Number.isFinite(tailBoundSec)
      ? Math.max(dispersionFactor(history.map(slow)), dispersionFactor(timedBaseline.map(slow)))
      : 1;
  return {
    policy,
    alphas: planAlphas(policy),
    errorDispersion,
    tailDispersion,
    tailBoundSec,
    final,
  };
}

/**
 * One result per check for the report: the first failing window, else the whole-run window
 * (the most data). Latency checks during the warm-up say so.
 */
function summarize(
  checks: CheckResult[],
  queries: CheckResult[],
  warmingUp: boolean,
): CheckResult[] {
  const byName = new Map<string, CheckResult>();
  for (const check of checks) {
    const kept = byName.get(check.name);
    if (!kept || (kept.status !== 'fail' && (check.status === 'fail' || isLonger(check, kept))))
      byName.set(check.name, check);
  }
  if (warmingUp) {
    byName.set('p99', {
      name: 'p99',
      status: 'insufficient',
      canary: null,
      detail: 'latency not judged yet: still in the warm-up',
    });
  }
  return [...byName.values(), ...queries];
}

function isLonger(a: CheckResult, b: CheckResult): boolean {
  const length = (c: CheckResult) => (c.window ? c.window.toSec - c.window.fromSec : 0);
  return length(a) >= length(b);
}

/** Beyond its limit but not (yet) significantly: more data decides. */
function isSuspect(check: CheckResult, suspectP: number): boolean {
  return check.exceeds === true && check.pValue !== undefined && check.pValue < suspectP;
}
