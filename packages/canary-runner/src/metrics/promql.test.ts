import { describe, expect, it } from 'vitest';
import { METRIC_PRESETS } from './mapping/presets.js';
import { contractQuery, fillTemplate, promqlQueries } from './promql.js';

describe('the PromQL of the prometheus source', () => {
  it('sums the mapped counter by status and route, and the histogram by le and route, leaving routes out', () => {
    expect(
      promqlQueries(METRIC_PRESETS['health-server'], 'job="canary"', ['/health', '/a.b']),
    ).toEqual({
      requests:
        'sum by (status_code, route) (http_requests_total{job="canary",route!~"/health|/a\\\\.b"})',
      buckets:
        'sum by (le, route) (http_request_duration_seconds_bucket{job="canary",route!~"/health|/a\\\\.b"})',
    });
    expect(promqlQueries(METRIC_PRESETS.istio, 'app="x"', ['/health']).requests).toBe(
      'sum by (response_code) (istio_requests_total{app="x"})',
    );
    expect(promqlQueries(METRIC_PRESETS.istio, 'app="x"', []).buckets).toBe(
      'sum by (le) (istio_request_duration_milliseconds_bucket{app="x"})',
    );
    expect(contractQuery(METRIC_PRESETS['go-promhttp'], 'job="c"')).toMatch(
      /^count by \(__name__, code, status_code, http_response_status_code, status, response_code\) \(\{__name__=~"http_requests_total\|/,
    );
  });

  it("fills a user query's selector, range and route matcher", () => {
    expect(
      fillTemplate('sum(rate(x{{{selector}}{{routes}}}[{{range}}]))', {
        selector: 'job="c"',
        rangeSec: 9.6,
        excludeRoutes: ['/health'],
        routeLabel: 'route',
      }),
    ).toBe('sum(rate(x{job="c",route!~"/health"}[10s]))');
  });
});
