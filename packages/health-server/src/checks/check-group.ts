import { aggregateStatus } from './aggregate-status.js';
import type { CachedCheck } from './cached-check.js';
import type { CheckResult, CheckStatus } from './check-types.js';

/** One round of a group's checks. The same object is returned while no result changed. */
export interface Evaluation {
  status: CheckStatus;
  results: readonly CheckResult[];
}

/**
 * The checks of one kind, run concurrently. While every result is still cached the round
 * is answered without a promise, and with the very same Evaluation object, so callers can
 * memoize what they derive from it (the serialized body).
 */
export class CheckGroup {
  private readonly checks: CachedCheck[] = [];
  private last: Evaluation = { status: 'pass', results: [] };

  add(check: CachedCheck): void {
    this.checks.push(check);
  }

  get size(): number {
    return this.checks.length;
  }

  all(): readonly CachedCheck[] {
    return this.checks;
  }

  evaluate(): Evaluation | Promise<Evaluation> {
    const pending = this.checks.map((check) => check.get());
    if (pending.every((item) => !(item instanceof Promise))) {
      return this.remember(pending as CheckResult[]);
    }
    return Promise.all(pending).then((results) => this.remember(results));
  }

  invalidate(): void {
    for (const check of this.checks) check.invalidate();
  }

  private remember(results: CheckResult[]): Evaluation {
    const same =
      results.length === this.last.results.length &&
      results.every((result, i) => result === this.last.results[i]);
    if (!same) this.last = { status: aggregateStatus(results), results };
    return this.last;
  }
}
