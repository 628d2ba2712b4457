import { describe, expect, it } from 'vitest';
import { canaryWeightOf, type HttpRouteRule, weightedRules } from './httproute-rules.js';

const backends = { stableService: 'n1v1', canaryService: 'n1v1-canary', port: 80 };
const route: HttpRouteRule[] = [
  {
    matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
    backendRefs: [{ name: 'n1v1', port: 80 }],
  },
  {
    matches: [{ path: { type: 'PathPrefix', value: '/docs' } }],
    backendRefs: [{ name: 'docs', port: 8080 }],
  },
];

describe('the HTTPRoute rules for a weight', () => {
  it('weights every rule that sends to the stable Service and leaves the others alone', () => {
    const rules = weightedRules(route, backends, 25);
    expect(rules[0]!.backendRefs).toEqual([
      { name: 'n1v1', port: 80, weight: 75 },
      { name: 'n1v1-canary', port: 80, weight: 25 },
    ]);
    expect(rules[0]!.matches).toEqual(route[0]!.matches);
    expect(rules[1]).toEqual(route[1]);
    expect(canaryWeightOf(rules, backends)).toBe(25);
  });

  it('puts a header match in front that sends only matching requests to the canary, and removes it without one', () => {
    const match = { header: { name: 'x-canary', value: 'internal' } };
    const withMatch = weightedRules(route, backends, 0, match);
    expect(withMatch[0]).toEqual({
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ type: 'Exact', name: 'x-canary', value: 'internal' }],
        },
      ],
      backendRefs: [{ name: 'n1v1-canary', port: 80, weight: 1 }],
    });
    expect(withMatch).toHaveLength(3);
    expect(canaryWeightOf(withMatch, backends)).toBe(0);
    const back = weightedRules(withMatch, backends, 50);
    expect(back).toHaveLength(2);
    expect(canaryWeightOf(back, backends)).toBe(50);
  });

  it('reads no weight from a route that does not send to the stable Service', () => {
    expect(canaryWeightOf([route[1]!], backends)).toBeNull();
    expect(canaryWeightOf([{ backendRefs: [{ name: 'n1v1', weight: 0 }] }], backends)).toBe(0);
  });
});
