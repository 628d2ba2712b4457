import { describe, expect, it } from 'vitest';
import { renderBacktest } from './backtest-report.js';

describe('renderBacktest', () => {
  it('prints the false-rollback rate with its interval and every look that failed', () => {
    const text = renderBacktest({
      env: 'staging',
      selector: 'job="n1v1"',
      hours: 24,
      windows: 960,
      rollbacks: [
        {
          startedAt: '2026-12-01T03:00:00.000Z',
          status: 'fail',
          look: 4,
          atSec: 20,
          reason: 'error rate 3.20% (8/250) above the limit 1.00% over 15-20 s',
        },
      ],
      falseRollbackRate: 1 / 960,
      interval: { low: 0.0002, high: 0.0059 },
      skipped: 2,
    });
    expect(text).toBe(
      [
        'backtest of staging on {job="n1v1"} over 24 h: 1 false rollback(s) in 960 replayed runs = 0.1 % (95 % 0.0 % - 0.6 %)',
        '  2 window(s) skipped: gaps in the history',
        '  2026-12-01T03:00:00.000Z look 4 at 20 s: fail: error rate 3.20% (8/250) above the limit 1.00% over 15-20 s',
        '',
      ].join('\n'),
    );
  });
});
