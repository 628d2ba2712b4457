import { describe, expect, it } from 'vitest';
import { LabelCap } from './label-cap.js';

describe('LabelCap', () => {
  it('passes values up to the cap, then maps every new value to the overflow', () => {
    const cap = new LabelCap(2, '<other>');
    expect(['/a', '/b', '/c', '/a', '/d', '/b'].map((v) => cap.value(v))).toEqual([
      '/a',
      '/b',
      '<other>',
      '/a',
      '<other>',
      '/b',
    ]);
  });
});
