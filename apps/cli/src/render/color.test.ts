import { describe, expect, it } from 'vitest';
import { paintFor } from './color.js';

describe('paintFor', () => {
  const tty = { write: () => true, isTTY: true };

  it('colours text on a terminal', () => {
    expect(paintFor(tty, {})('FAIL', 'red')).toBe('\u001b[31mFAIL\u001b[0m');
  });

  it('leaves text plain when NO_COLOR is set or the output is not a terminal', () => {
    expect(paintFor(tty, { NO_COLOR: '1' })('FAIL', 'red')).toBe('FAIL');
    expect(paintFor({ write: () => true }, {})('FAIL', 'red')).toBe('FAIL');
  });
});
