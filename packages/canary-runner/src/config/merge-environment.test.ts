import { describe, expect, it } from 'vitest';
import { mergeObjects } from './merge-environment.js';

describe('mergeObjects', () => {
  it('merges objects key by key, replaces arrays and scalars, and ignores undefined', () => {
    expect(
      mergeObjects({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: undefined, e: 2 }),
    ).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
    expect(mergeObjects({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(mergeObjects(1, { a: 1 })).toEqual({ a: 1 });
  });
});
