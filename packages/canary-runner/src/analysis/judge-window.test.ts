import { describe, expect, it } from 'vitest';
import { defaultEnvironment } from '../config/defaults.js';
import type { TargetWindow } from '../metrics/target-window.js';
import { judgeWindow } from './judge-window.js';

const { thresholds, analysis } = defaultEnvironment();

/** A window of `n` requests, `errors` of them 5xx, all in the latency bucket `le`. */
function window(
  n: number,
  errors: number,
  le = 0.005,
  slow?: { le: number; count: number },
): TargetWindow {
  const latency = [{ le, count: n - (slow?.count ?? 0) }];
  if (slow) latency.push(slow);
  latency.push({ le: Number.POSITIVE_INFINITY, count: 0 });
  return { requests: n, errors, latency };
}

const judge = (canary: TargetWindow, baseline?: TargetWindow) =>
  judgeWindow({
    canary,
    ...(baseline ? { baseline } : {}),
    thresholds,
    analysis,
    comparisonAlpha: 0.0005,
  });

describe('judgeWindow', () => {
  it('passes a canary that looks like its baseline', () => {
    const result = judge(window(250, 0), window(250, 0));
    expect(result.status).toBe('pass');
    expect(result.checks.map((c) => c.name)).toEqual([
      'error-rate',
      'p99',
      'error-rate-vs-baseline',
      'latency-vs-baseline',
    ]);
  });

  it('fails a 5 % error rate on the absolute limit and says so with the figures', () => {
    const result = judge(window(250, 13), window(250, 0));
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^error rate 5\.20% \(13\/250\) above the limit 1\.00% \(p=/);
  });

  it('does not fail a few errors that chance explains', () => {
    expect(judge(window(100, 2)).status).toBe('pass');
  });

  it('fails a p99 above the limit when more than 1 % of requests are slower than it', () => {
    const result = judge(window(200, 0, 0.1, { le: 1, count: 20 }));
    expect(result.status).toBe('fail');
    expect(result.checks.find((c) => c.name === 'p99')).toMatchObject({
      status: 'fail',
      limit: 500,
    });
  });

  it('fails a canary that is significantly and materially slower than its baseline', () => {
    const result = judge(window(250, 0, 0.25), window(250, 0, 0.005));
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /^p99 latency 248 ms vs baseline 5 ms: slower than the tolerated 30 ms \(\+20%, at least \+25 ms; Mann-Whitney p=/,
    );
  });

  it('does not fail a canary a few ms slower than a warm baseline, however significant', () => {
    const result = judge(window(5000, 0, 0.01), window(5000, 0, 0.005));
    const latency = result.checks.find((c) => c.name === 'latency-vs-baseline')!;
    expect(latency.pValue).toBeLessThan(1e-6);
    expect(latency).toMatchObject({ status: 'pass', limit: 29.95 });
    expect(result.status).toBe('pass');
  });

  it('fails an error rate significantly above the baseline plus the tolerance, within the absolute limit', () => {
    const loose = { ...thresholds, maxErrorRate: 0.5 };
    const result = judgeWindow({
      canary: window(2000, 60),
      baseline: window(2000, 2),
      thresholds: loose,
      analysis,
      comparisonAlpha: 0.0005,
    });
    expect(result.checks.find((c) => c.name === 'error-rate-vs-baseline')?.status).toBe('fail');
    expect(result.status).toBe('fail');
  });

  it('calls a window with too few requests insufficient, not failed, even with errors in it', () => {
    const result = judge(window(20, 5), window(300, 0));
    expect(result.status).toBe('insufficient');
    expect(result.reason).toBe('insufficient data for error-rate: 20 requests, need 50 each');
  });

  it('still judges the absolute limits when only the baseline lacks samples', () => {
    const result = judge(window(300, 0), window(10, 0));
    expect(result.status).toBe('pass');
    expect(result.checks.find((c) => c.name === 'latency-vs-baseline')?.status).toBe(
      'insufficient',
    );
  });

  it('judges user queries: no data is insufficient, several series fail, bounds hold', () => {
    const queries = [
      { name: 'cpu', value: 0.5, seriesCount: 1, max: 0.8 },
      { name: 'lag', value: null, seriesCount: 0, max: 1 },
    ];
    const lacking = judgeWindow({
      canary: window(300, 0),
      thresholds,
      analysis,
      comparisonAlpha: 0.001,
      queries,
    });
    expect(lacking.status).toBe('insufficient');
    expect(lacking.reason).toBe('query lag returned no data (empty or NaN)');
    const many = judgeWindow({
      canary: window(300, 0),
      thresholds,
      analysis,
      comparisonAlpha: 0.001,
      queries: [{ name: 'up', value: null, seriesCount: 3 }],
    });
    expect(many.reason).toBe(
      'query up returned 3 series, expected one: aggregate it (sum, max) in the query',
    );
  });
});
