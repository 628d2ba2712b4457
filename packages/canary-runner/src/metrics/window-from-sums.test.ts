import { describe, expect, it } from 'vitest';
import { METRIC_PRESETS } from './mapping/presets.js';
import { windowFromSums } from './window-from-sums.js';

const INF = Number.POSITIVE_INFINITY;

describe('windowFromSums', () => {
  it('reads requests, errors and the histogram by route from raw sums, unknown statuses as errors', () => {
    const mapping = METRIC_PRESETS['health-server'];
    const requests = [
      { metric: { status_code: '200', route: '/a' }, value: 90 },
      { metric: { status_code: '503', route: '/a' }, value: 10 },
      { metric: { status_code: 'weird', route: '/b' }, value: 5 },
      { metric: { status_code: '200', route: '/b' }, value: Number.NaN },
    ];
    const buckets = [
      { metric: { le: '0.1', route: '/a' }, value: 80 },
      { metric: { le: '+Inf', route: '/a' }, value: 100 },
      { metric: { le: '0.1', route: '/b' }, value: 5 },
      { metric: { le: '+Inf', route: '/b' }, value: 5 },
      { metric: { le: 'nonsense', route: '/b' }, value: 5 },
    ];
    expect(windowFromSums(requests, buckets, mapping)).toEqual({
      requests: 105,
      errors: 15,
      latency: [
        { le: 0.1, count: 85 },
        { le: INF, count: 20 },
      ],
      routes: {
        '/a': {
          requests: 100,
          errors: 10,
          latency: [
            { le: 0.1, count: 80 },
            { le: INF, count: 20 },
          ],
        },
        '/b': {
          requests: 5,
          errors: 5,
          latency: [
            { le: 0.1, count: 5 },
            { le: INF, count: 0 },
          ],
        },
      },
    });
  });

  it('gives no routes when the mapping has no route label, and converts a millisecond histogram', () => {
    const window = windowFromSums(
      [{ metric: { response_code: '200' }, value: 4 }],
      [
        { metric: { le: '100' }, value: 3 },
        { metric: { le: '+Inf' }, value: 4 },
      ],
      METRIC_PRESETS.istio,
    );
    expect(window).toEqual({
      requests: 4,
      errors: 0,
      latency: [
        { le: 0.1, count: 3 },
        { le: INF, count: 1 },
      ],
    });
  });
});
