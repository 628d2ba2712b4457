import { describe, expect, it } from 'vitest';
import { loadReport } from '../../test/fixtures/reports.js';
import type { Paint } from './color.js';
import { renderLoadReport } from './load-table.js';

const plain: Paint = (text) => text;

describe('renderLoadReport', () => {
  it('shows the verdict, the figures, the thresholds and the reason', () => {
    const text = renderLoadReport(loadReport, 'http://127.0.0.1:8000', plain);
    expect(text.split('\n')[0]).toBe('n1v1 load http://127.0.0.1:8000: FAIL');
    expect(text).toContain('  status   200: 8100, 503: 28\n');
    expect(text).toContain(
      '  latency  p50 0.231 ms  p90 8.00 ms  p99 1.25 s  p99.9 1.70 s  max 1.90 s\n',
    );
    expect(text.endsWith('\n  /health: p99 latency 1250 ms over the 1000 ms limit\n')).toBe(true);
  });

  it('says none when nothing answered, and has no reason line when it passed', () => {
    const { error: _e, ...passed } = loadReport;
    const text = renderLoadReport(
      { ...passed, status: 'pass', statusCodes: {} },
      'http://h',
      plain,
    );
    expect(text).toContain('PASS');
    expect(text).toContain('  status   none\n');
    expect(text.endsWith('(got 812.4)\n')).toBe(true);
  });

  it('writes latencies to three figures, to the microsecond under a millisecond', () => {
    const at = (p50: number) =>
      renderLoadReport(
        { ...loadReport, latencyMs: { ...loadReport.latencyMs, p50 } },
        'http://h',
        plain,
      ).split('\n')[2];
    expect(at(0.0456)).toContain('p50 0.046 ms ');
    expect(at(1.678)).toContain('p50 1.68 ms ');
    expect(at(12.34)).toContain('p50 12.3 ms ');
    expect(at(250.4)).toContain('p50 250 ms ');
  });
});
