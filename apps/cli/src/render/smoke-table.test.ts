import { describe, expect, it } from 'vitest';
import { smokeReport } from '../../test/fixtures/reports.js';
import type { Paint } from './color.js';
import { renderSmokeTable } from './smoke-table.js';

const plain: Paint = (text) => text;

describe('renderSmokeTable', () => {
  it('shows the verdict, a row per check with its time and reason, and the load figures', () => {
    expect(renderSmokeTable(smokeReport, plain)).toBe(
      [
        'n1v1 smoke https://staging.example.test: FAIL (1 passed, 2 failed, 1 skipped in 10.46 s, waited 2.30 s for /health)',
        '',
        '  CHECK      STATUS      TIME  REASON',
        '  health     pass       12 ms',
        '  ready      FAIL        8 ms  GET /ready: expected 2xx with status pass or warn, got HTTP 503 with status "fail"',
        '  resources  skip        0 ms  GET /metrics answered 404: the service exposes no metrics',
        '  load       FAIL     10.10 s  /health: p99 latency 1250 ms over the 1000 ms limit',
        '',
        '  load',
        '  10 connections for 10.01 s on /health: 8130 requests, 812.4 req/s',
        '  latency  p50 0.231 ms  p90 8.00 ms  p99 1.25 s  p99.9 1.70 s  max 1.90 s',
        '  errors   30 (0.37%): 28 non-2xx, 2 timeouts, 0 connection errors',
        '  status   200: 8100, 503: 28',
        '  FAIL     p99 <= 1000 ms (got 1250 ms)',
        '  pass     error rate <= 1.00% (got 0.37%)',
        '  pass     requests/s >= 500 (got 812.4)',
        '',
      ].join('\n'),
    );
  });

  it('leaves the wait and the load out when there were none', () => {
    const { waitedMs: _w, load: _l, ...rest } = smokeReport;
    const text = renderSmokeTable(
      { ...rest, status: 'pass', checks: [{ name: 'health', status: 'pass', durationMs: 1 }] },
      plain,
    );
    expect(text.split('\n')[0]).toBe(
      'n1v1 smoke https://staging.example.test: PASS (1 passed, 2 failed, 1 skipped in 10.46 s)',
    );
    expect(text).not.toContain('latency');
  });
});
