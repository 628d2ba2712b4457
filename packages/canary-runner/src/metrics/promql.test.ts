import { describe, expect, it } from 'vitest';
import { fillTemplate, PROMQL_TEMPLATES } from './promql.js';

describe('fillTemplate', () => {
  it('fills the selector, range and excluded routes into valid PromQL', () => {
    const values = { selector: 'job="canary"', rangeSec: 9.6, excludeRoutes: ['/health', '/a.b'] };
    expect(fillTemplate(PROMQL_TEMPLATES.errors, values)).toBe(
      'sum(increase(http_requests_total{job="canary",status_code=~"5..",route!~"/health|/a\\\\.b"}[10s]))',
    );
    expect(fillTemplate(PROMQL_TEMPLATES.p99, { ...values, excludeRoutes: [] })).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="canary"}[10s])))',
    );
  });
});
