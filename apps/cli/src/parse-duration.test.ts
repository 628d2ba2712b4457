import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it('reads ms, s, m and h, fractions and compound durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration(' 0s ')).toBe(0);
  });

  it('asks for a unit instead of guessing what a bare number means', () => {
    expect(() => parseDuration('30')).toThrow(
      '"30" needs a unit: write e.g. 500ms, 5s, 2m or 1m30s',
    );
  });

  it('refuses text that is not a duration', () => {
    for (const text of ['', 'soon', '5 s', '-5s', '5sec', '1m30', 's5']) {
      expect(() => parseDuration(text)).toThrow('is not a duration');
    }
  });
});
