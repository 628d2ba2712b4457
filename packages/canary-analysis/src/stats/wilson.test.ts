import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  it('gives the 95 % score interval, above zero at none of a thousand', () => {
    const none = wilsonInterval(0, 1000);
    expect(none.low).toBeCloseTo(0, 12);
    expect(none.high).toBeCloseTo(0.00383, 5);
    const some = wilsonInterval(133, 1000);
    expect(some.low).toBeCloseTo(0.11335, 5);
    expect(some.high).toBeCloseTo(0.15546, 5);
    expect(wilsonInterval(1000, 1000).high).toBe(1);
  });

  it('is the whole of 0..1 without trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
