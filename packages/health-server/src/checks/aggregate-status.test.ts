import { describe, expect, it } from 'vitest';
import { aggregateStatus, worse } from './aggregate-status.js';
import type { CheckResult, CheckStatus } from './check-types.js';

const result = (status: CheckStatus, critical = true) => ({ status, critical }) as CheckResult;

describe('aggregateStatus', () => {
  it('is the worst status of the round', () => {
    expect(aggregateStatus([])).toBe('pass');
    expect(aggregateStatus([result('pass'), result('warn')])).toBe('warn');
    expect(aggregateStatus([result('warn'), result('fail'), result('pass')])).toBe('fail');
  });

  it('counts a failing non-critical check as a warning', () => {
    expect(aggregateStatus([result('pass'), result('fail', false)])).toBe('warn');
  });

  it('orders pass < warn < fail', () => {
    expect(worse('pass', 'warn')).toBe('warn');
    expect(worse('fail', 'warn')).toBe('fail');
  });
});
