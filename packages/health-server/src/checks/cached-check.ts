import type { CheckSpec } from './check-spec.js';
import type { CheckResult } from './check-types.js';
import { failedResult, runCheck } from './run-check.js';

/**
 * Timed-out calls of one check still running before the check is no longer called: a
 * dependency that hangs must not collect a new hung call every cache window.
 */
export const MAX_ABANDONED_CALLS = 2;

/** Told about every fresh result, for metrics. */
export type ResultObserver = (result: CheckResult) => void;

/**
 * One registered check with its cache and its single in-flight run: any number of
 * concurrent callers share one call, and a result is reused for `cacheMs`.
 */
export class CachedCheck {
  private cached: CheckResult | undefined;
  private expiresAt = 0;
  private inflight: Promise<CheckResult> | undefined;
  private abandoned = 0;

  constructor(
    readonly spec: CheckSpec,
    private readonly redact: (text: string) => string,
    private readonly observe: ResultObserver,
  ) {}

  /** The cached result while fresh, else the shared run. */
  get(): CheckResult | Promise<CheckResult> {
    if (this.cached !== undefined && performance.now() < this.expiresAt) return this.cached;
    if (this.inflight === undefined) {
      // Cleared in a later microtask, so even a run that settles at once is cleared after it is stored.
      this.inflight = this.refresh().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** Forgets the cached result; the next `get()` runs the check. */
  invalidate(): void {
    this.cached = undefined;
    this.expiresAt = 0;
  }

  private async refresh(): Promise<CheckResult> {
    const result =
      this.abandoned >= MAX_ABANDONED_CALLS
        ? failedResult(
            this.spec,
            `timed out: ${this.abandoned} earlier calls have not finished yet`,
            true,
          )
        : await runCheck(this.spec, this.redact, (call) => this.track(call));
    this.cached = result;
    this.expiresAt = performance.now() + this.spec.cacheMs;
    this.observe(result);
    return result;
  }

  private track(call: Promise<unknown>): void {
    this.abandoned++;
    void call.finally(() => {
      this.abandoned--;
    });
  }
}
