import { describe, expect, it } from 'vitest';
import { ELLIPSIS, oneLine, truncate } from './truncate.js';

describe('truncate', () => {
  it('keeps text that fits and cuts longer text to the limit ending with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe(`abc${ELLIPSIS}`);
    expect(truncate('abcdef', 4)).toHaveLength(4);
    expect(truncate('abcdef', 1)).toBe(ELLIPSIS);
    expect(truncate('abcdef', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀cd', 4);
    expect(cut).toBe(`ab${ELLIPSIS}`);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(truncate('ab😀cd', 5)).toBe(`ab😀${ELLIPSIS}`);
  });
});

describe('oneLine', () => {
  it('joins lines and squeezes whitespace', () => {
    expect(oneLine('  a\n\tb   c\r\n')).toBe('a b c');
  });
});
