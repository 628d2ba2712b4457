import { describe, expect, it } from 'vitest';
import { dispersionFactor, withinGroupsDispersion } from './dispersion.js';

const counts = (...pairs: Array<[number, number]>) =>
  pairs.map(([hits, trials]) => ({ hits, trials }));

describe('dispersionFactor', () => {
  it('is 1 for intervals that vary as independent requests would, X^2/df beyond chance', () => {
    expect(dispersionFactor(counts([2, 250], [3, 250], [2, 250], [3, 250]))).toBe(1);
    expect(dispersionFactor(counts([1, 250], [12, 250], [1, 250], [1, 250]))).toBeGreaterThan(4);
  });

  it('needs three intervals with traffic and a rate strictly between 0 and 1', () => {
    expect(dispersionFactor(counts([0, 250], [12, 250], [0, 0]))).toBe(1);
    expect(dispersionFactor(counts([0, 250], [0, 250], [0, 250]))).toBe(1);
  });
});

describe('withinGroupsDispersion', () => {
  const burst = counts([6, 50], [6, 50], [0, 50], [1, 50], [0, 50]);

  it('sees the clumping inside a group, not the difference of rates between groups', () => {
    const steady = (hits: number) => counts([hits, 50], [hits, 50], [hits, 50], [hits, 50]);
    expect(withinGroupsDispersion([steady(1), steady(3)])).toBe(1);
    expect(withinGroupsDispersion([burst])).toBeCloseTo(3.48, 2);
  });

  it('pools the groups and leaves out those that tell nothing (no traffic, no or only hits)', () => {
    const alone = withinGroupsDispersion([burst]);
    const mute = [counts([0, 50], [0, 50]), counts([5, 5], [5, 5]), counts([1, 0])];
    expect(withinGroupsDispersion([burst, ...mute])).toBe(alone);
    const even = counts([2, 50], [2, 50], [2, 50], [2, 50], [2, 50]);
    expect(withinGroupsDispersion([burst, even])).toBeLessThan(alone);
    expect(withinGroupsDispersion([])).toBe(1);
  });

  it('leaves out a group with fewer hits than counts, where X^2 is not chi-square-like', () => {
    // Two errors of a quiet interval in the same second.
    expect(withinGroupsDispersion([counts([2, 50], [0, 50], [0, 50], [0, 50], [0, 50])])).toBe(1);
    expect(
      withinGroupsDispersion([counts([5, 50], [0, 50], [0, 50], [0, 50], [0, 50])]),
    ).toBeCloseTo(4.6, 1);
  });
});
