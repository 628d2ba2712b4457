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
});
