import type { CheckResult, CheckStatus } from './check-types.js';

const RANK: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

/** The worse of two statuses. */
export function worse(a: CheckStatus, b: CheckStatus): CheckStatus {
  return RANK[b] > RANK[a] ? b : a;
}

/** The aggregate of a round: the worst result, where a failing non-critical check only warns. */
export function aggregateStatus(results: readonly CheckResult[]): CheckStatus {
  let status: CheckStatus = 'pass';
  for (const result of results) {
    const effective = result.status === 'fail' && !result.critical ? 'warn' : result.status;
    status = worse(status, effective);
  }
  return status;
}
