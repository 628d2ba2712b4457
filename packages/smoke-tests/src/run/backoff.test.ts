import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap', () => {
    const top = (attempt: number) => backoffDelayMs(attempt, { random: () => 1 });
    expect([0, 1, 2, 3, 4, 5, 10].map(top)).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
  });

  it('keeps at least half the delay whatever the jitter draws', () => {
    expect(backoffDelayMs(3, { random: () => 0 })).toBe(400);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelayMs(2);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});
