import { describe, expect, it } from 'vitest';
import { applyAnnotations, canaryAnnotations } from './canary-annotations.js';

describe('the ingress-nginx canary annotations', () => {
  it('set the weight out of 100 and the header a step matches on', () => {
    const next = applyAnnotations(
      { 'kubernetes.io/ingress.class': 'nginx' },
      canaryAnnotations(25, { header: { name: 'x-canary', value: 'internal' } }),
    );
    expect(next).toEqual({
      'kubernetes.io/ingress.class': 'nginx',
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '25',
      'nginx.ingress.kubernetes.io/canary-weight-total': '100',
      'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'internal',
    });
  });

  it("clear the previous step's match when the next has none, and route by cookie when asked", () => {
    const withHeader = applyAnnotations(
      {},
      canaryAnnotations(5, { header: { name: 'x-canary', value: 'internal' } }),
    );
    const cookie = applyAnnotations(
      withHeader,
      canaryAnnotations(0, { cookie: { name: 'canary', value: 'always' } }),
    );
    expect(cookie['nginx.ingress.kubernetes.io/canary-by-header']).toBeUndefined();
    expect(cookie['nginx.ingress.kubernetes.io/canary-by-cookie']).toBe('canary');
    expect(cookie['nginx.ingress.kubernetes.io/canary-weight']).toBe('0');
  });
});
