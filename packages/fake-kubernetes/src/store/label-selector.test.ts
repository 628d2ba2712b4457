import { describe, expect, it } from 'vitest';
import { matchesSelector, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  it('match matchLabels and every matchExpressions operator', () => {
    const labels = { app: 'web', track: 'canary' };
    expect(matchesSelector({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      matchesSelector(
        { matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] },
        labels,
      ),
    ).toBe(false);
    expect(
      matchesSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels),
    ).toBe(true);
    expect(
      matchesSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels),
    ).toBe(false);
  });

  it('parse the query syntax, == included', () => {
    expect(parseLabelSelector('app==web, track')({ app: 'web', track: 'x' })).toBe(true);
    expect(parseLabelSelector('')({})).toBe(true);
  });
});
