import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './prometheus-text.js';

describe('parsePrometheusText', () => {
  it('parses samples with labels, escapes, special values and timestamps, skipping comments', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",route="/api/v1/ticker/:symbol",status_code="200"} 42',
      'weird{path="a \\"quoted\\" \\\\ back\\nslash",x="1"} 1.5 1700000000000',
      'http_request_duration_seconds_bucket{le="+Inf"} +Inf',
      'nan_metric NaN',
      'neg -Inf',
      '',
      'process_start_time_seconds 1.7e9',
    ].join('\n');
    const samples = parsePrometheusText(text);
    expect(samples[0]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'GET', route: '/api/v1/ticker/:symbol', status_code: '200' },
      value: 42,
    });
    expect(samples[1]).toEqual({
      name: 'weird',
      labels: { path: 'a "quoted" \\ back\nslash', x: '1' },
      value: 1.5,
    });
    expect(samples[2]!.value).toBe(Number.POSITIVE_INFINITY);
    expect(samples[3]!.value).toBeNaN();
    expect(samples[4]!.value).toBe(Number.NEGATIVE_INFINITY);
    expect(samples[5]).toEqual({ name: 'process_start_time_seconds', labels: {}, value: 1.7e9 });
  });

  it('skips lines it cannot read instead of failing the scrape', () => {
    expect(
      parsePrometheusText('garbage here now\nbroken{a=1} 2\nunterminated{a="x} 3\nok 1'),
    ).toEqual([{ name: 'ok', labels: {}, value: 1 }]);
  });
});
