import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  const options = { baseMs: 100, maxMs: 1000 };

  it('doubles per retry between half and all of the exponential step', () => {
    expect(backoffDelayMs(1, options, () => 0)).toBe(50);
    expect(backoffDelayMs(1, options, () => 1)).toBe(100);
    expect(backoffDelayMs(3, options, () => 0)).toBe(200);
    expect(backoffDelayMs(3, options, () => 1)).toBe(400);
  });

  it('never exceeds maxMs however many retries', () => {
    expect(backoffDelayMs(30, options, () => 1)).toBe(1000);
    for (let i = 0; i < 100; i++) expect(backoffDelayMs(8, options)).toBeLessThanOrEqual(1000);
  });
});
