import { describe, expect, it } from 'vitest';
import { mannWhitneyGreater } from './mann-whitney.js';

const w = (values: number[]) => values.map((value) => ({ value, count: 1 }));

describe('mannWhitneyGreater', () => {
  it('matches the textbook U and the one-sided normal-approximation p-value', () => {
    const result = mannWhitneyGreater(w([19, 22, 16, 29, 24]), w([20, 11, 17, 12]));
    expect(result.u).toBe(17);
    expect(result.z).toBeCloseTo(1.5922, 3);
    expect(result.pValue).toBeCloseTo(0.0557, 3);
    expect(result.effect).toBeCloseTo(0.85, 5);
  });

  it('gives a large p-value when the first sample is the smaller one', () => {
    const result = mannWhitneyGreater(w([1, 2, 3, 4, 5]), w([6, 7, 8, 9, 10]));
    expect(result.u).toBe(0);
    expect(result.pValue).toBeGreaterThan(0.99);
  });

  it('corrects for ties: on 0/1 error flags it agrees with a two-proportion z-test', () => {
    const canary = [
      { value: 0, count: 90 },
      { value: 1, count: 10 },
    ];
    const baseline = [{ value: 0, count: 100 }];
    const result = mannWhitneyGreater(canary, baseline);
    expect(result.u).toBe(5500);
    expect(result.z).toBeCloseTo(3.233, 2);
    expect(result.pValue).toBeLessThan(0.001);
  });

  it('treats weighted values exactly like the same values repeated', () => {
    const grouped = mannWhitneyGreater(
      [
        { value: 0.1, count: 3 },
        { value: 0.25, count: 2 },
      ],
      [{ value: 0.1, count: 4 }],
    );
    const expanded = mannWhitneyGreater(w([0.1, 0.1, 0.1, 0.25, 0.25]), w([0.1, 0.1, 0.1, 0.1]));
    expect(grouped).toEqual(expanded);
  });

  it('finds no evidence when every value ties, or a side is empty', () => {
    expect(mannWhitneyGreater([{ value: 0, count: 50 }], [{ value: 0, count: 50 }]).pValue).toBe(1);
    expect(mannWhitneyGreater([], w([1, 2])).pValue).toBe(1);
    expect(mannWhitneyGreater(w([1]), [{ value: 2, count: 0 }]).n2).toBe(0);
  });
});
