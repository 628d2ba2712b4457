import { describe, expect, it } from 'vitest';
import { METRIC_PRESETS } from './mapping/presets.js';
import { parsePrometheusText } from './prometheus-text.js';
import { snapshotCounters, windowBetween } from './request-counters.js';

function exposition(
  ok: number,
  errors: number,
  buckets: [string, number][],
  healthProbes = 0,
): string {
  const lines = [
    `http_requests_total{method="GET",route="/api/v1/ticker/:symbol",status_code="200"} ${ok}`,
    `http_requests_total{method="GET",route="/api/v1/ticker/:symbol",status_code="500"} ${errors}`,
    `http_requests_total{method="GET",route="/health",status_code="503"} ${healthProbes}`,
    `http_request_duration_seconds_bucket{le="0.5",method="GET",route="/health",status_code="503"} ${healthProbes}`,
  ];
  for (const [le, count] of buckets) {
    lines.push(
      `http_request_duration_seconds_bucket{le="${le}",method="GET",route="/api/v1/ticker/:symbol",status_code="200"} ${count}`,
    );
  }
  return lines.join('\n');
}

const snap = (text: string, mapping = METRIC_PRESETS['health-server']) =>
  snapshotCounters(parsePrometheusText(text), mapping, ['/health']);

describe('windowBetween', () => {
  it('takes the deltas of requests, 5xx errors and histogram buckets, leaving probe routes out', () => {
    const before = snap(
      exposition(
        100,
        1,
        [
          ['0.005', 80],
          ['0.1', 100],
          ['+Inf', 101],
        ],
        5,
      ),
    );
    const after = snap(
      exposition(
        190,
        6,
        [
          ['0.005', 150],
          ['0.1', 190],
          ['+Inf', 196],
        ],
        50,
      ),
    );
    expect(windowBetween(before, after)).toEqual({
      requests: 95,
      errors: 5,
      routes: {
        '/api/v1/ticker/:symbol': {
          requests: 95,
          errors: 5,
          // The route's own histogram, for its latency comparison.
          latency: [
            { le: 0.005, count: 70 },
            { le: 0.1, count: 20 },
            { le: Number.POSITIVE_INFINITY, count: 5 },
          ],
        },
      },
      latency: [
        { le: 0.005, count: 70 },
        { le: 0.1, count: 20 },
        { le: Number.POSITIVE_INFINITY, count: 5 },
      ],
    });
  });

  it('counts the whole value of a counter that was reset or did not exist before', () => {
    const before = snap(exposition(500, 0, [['+Inf', 500]]));
    const after = snap(
      'http_requests_total{method="GET",route="/x",status_code="200"} 3\nhttp_requests_total{method="GET",route="/api/v1/ticker/:symbol",status_code="200"} 7',
    );
    expect(windowBetween(before, after)).toMatchObject({ requests: 10, errors: 0 });
  });
});

describe('snapshotCounters with a mapping', () => {
  it('counts a status it cannot read as an error, never as a success', () => {
    const text = (n: number) =>
      `http_requests_total{route="/a",status_code="200"} ${n}\nhttp_requests_total{route="/a",status_code="weird"} ${n}\nhttp_requests_total{route="/a"} ${n}`;
    expect(windowBetween(snap(text(0)), snap(text(5)))).toMatchObject({ requests: 15, errors: 10 });
  });

  it('reads a histogram in milliseconds as seconds, and a 5xx class as errors', () => {
    const istio = METRIC_PRESETS.istio;
    const text = (n: number) =>
      [
        `istio_requests_total{response_code="503"} ${n}`,
        `istio_requests_total{response_code="2xx"} ${3 * n}`,
        `istio_requests_total{response_code="5xx"} ${n}`,
        `istio_request_duration_milliseconds_bucket{le="250"} ${4 * n}`,
        `istio_request_duration_milliseconds_bucket{le="+Inf"} ${5 * n}`,
      ].join('\n');
    expect(windowBetween(snap(text(0), istio), snap(text(2), istio))).toEqual({
      requests: 10,
      errors: 4,
      latency: [
        { le: 0.25, count: 8 },
        { le: Number.POSITIVE_INFINITY, count: 2 },
      ],
    });
  });
});
