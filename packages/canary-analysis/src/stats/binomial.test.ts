import { describe, expect, it } from 'vitest';
import { binomialUpperTail, logGamma } from './binomial.js';
import { normalUpperTail } from './normal.js';

describe('binomialUpperTail', () => {
  it('sums the exact upper tail', () => {
    // P(X >= 2 | n=3, p=0.5) = 4/8
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    // P(X >= 8 | n=250, p=0.01) summed in Python with exact integers: 0.0040253387118078
    expect(binomialUpperTail(8, 250, 0.01)).toBeCloseTo(0.0040253387118078, 12);
  });

  it('uses the lower sum when k is below the mean and agrees with 1 - P(X < k)', () => {
    expect(binomialUpperTail(3, 10, 0.5)).toBeCloseTo(1 - (1 + 10 + 45) / 1024, 12);
  });

  it('handles the edges without arithmetic surprises', () => {
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.1)).toBe(0);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(1, 10, 1)).toBe(1);
  });
});

describe('the special functions', () => {
  it('computes ln Γ and the normal upper tail to the precision the tests need', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(logGamma(0.25)).toBeCloseTo(1.2880225246980774, 8);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(3.090232)).toBeCloseTo(0.001, 6);
    expect(normalUpperTail(-1.644854)).toBeCloseTo(0.95, 6);
  });
});
