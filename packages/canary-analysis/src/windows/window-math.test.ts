import { describe, expect, it } from 'vitest';
import {
  countSlowerThan,
  errorRate,
  histogramQuantile,
  subtractWindows,
  sumWindows,
} from './window-math.js';

const INF = Number.POSITIVE_INFINITY;

describe('histogramQuantile', () => {
  it('interpolates inside the bucket as histogram_quantile does', () => {
    const latency = [
      { le: 0.1, count: 50 },
      { le: 0.2, count: 50 },
      { le: INF, count: 0 },
    ];
    expect(histogramQuantile(0.5, latency)).toBeCloseTo(0.1, 10);
    expect(histogramQuantile(0.99, latency)).toBeCloseTo(0.198, 10);
  });

  it('returns the highest finite bound for a rank in +Inf, and null without observations', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 0.1, count: 1 },
        { le: INF, count: 9 },
      ]),
    ).toBe(0.1);
    expect(histogramQuantile(0.99, [{ le: 0.1, count: 0 }])).toBeNull();
    expect(
      histogramQuantile(0.99, [
        { le: 0.1, count: 0 },
        { le: 0.2, count: -1 },
      ]),
    ).toBeNull();
  });
});

describe('countSlowerThan', () => {
  it('counts whole buckets above the limit and the share of the bucket that straddles it', () => {
    const latency = [
      { le: 0.25, count: 100 },
      { le: 0.5, count: 40 },
      { le: 1, count: 10 },
      { le: INF, count: 2 },
    ];
    expect(countSlowerThan(0.5, latency)).toBe(12);
    expect(countSlowerThan(0.3, latency)).toBe(44);
  });
});

describe('window arithmetic', () => {
  it('adds windows bucket by bucket and computes error rates', () => {
    const total = sumWindows([
      { requests: 10, errors: 1, latency: [{ le: 0.1, count: 10 }] },
      {
        requests: 30,
        errors: 3,
        latency: [
          { le: 0.2, count: 20 },
          { le: 0.1, count: 10 },
        ],
      },
    ]);
    expect(total).toEqual({
      requests: 40,
      errors: 4,
      latency: [
        { le: 0.1, count: 20 },
        { le: 0.2, count: 20 },
      ],
    });
    expect(errorRate(total)).toBe(0.1);
    expect(errorRate({ requests: 0, errors: 0, latency: [] })).toBeNull();
  });
});

describe('route histograms', () => {
  const at = (n: number, slow: number) => ({
    requests: n,
    errors: 0,
    latency: [
      { le: 0.1, count: n - slow },
      { le: INF, count: slow },
    ],
    routes: {
      '/a': {
        requests: n,
        errors: 0,
        latency: [
          { le: 0.1, count: n - slow },
          { le: INF, count: slow },
        ],
      },
      '/b': { requests: 0, errors: 0 },
    },
  });

  it("are summed and differenced with their route's counts", () => {
    const summed = sumWindows([at(10, 1), at(20, 5)]);
    expect(summed.routes!['/a']!.latency).toEqual([
      { le: 0.1, count: 24 },
      { le: INF, count: 6 },
    ]);
    expect(summed.routes!['/b']).toEqual({ requests: 0, errors: 0 });
    const between = subtractWindows(at(30, 6), at(10, 1));
    expect(between.routes!['/a']).toEqual({
      requests: 20,
      errors: 0,
      latency: [
        { le: 0.1, count: 15 },
        { le: INF, count: 5 },
      ],
    });
    expect(
      subtractWindows(at(30, 6), { requests: 0, errors: 0, latency: [] }).routes!['/a'],
    ).toMatchObject({ requests: 30, latency: [{ count: 24 }, { count: 6 }] });
  });
});
