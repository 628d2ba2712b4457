import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanaryError } from '../src/canary-error.js';
import { METRIC_PRESETS } from '../src/metrics/mapping/presets.js';
import { prometheusSource } from '../src/metrics/prometheus-source.js';
import { instantQuery } from '../src/metrics/promql.js';
import {
  type MetricsServer,
  requestMetrics,
  startMetricsServer,
} from './helpers/metrics-server.js';
import { type RunningPrometheus, startPrometheus, waitForScrapes } from './helpers/prometheus.js';

let canary: MetricsServer;
let baseline: MetricsServer;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  canary = await startMetricsServer();
  baseline = await startMetricsServer();
  canary.metrics = requestMetrics(0, 0, [
    ['0.005', 0],
    ['0.25', 0],
    ['+Inf', 0],
  ]);
  baseline.metrics = requestMetrics(0, 0, [
    ['0.005', 0],
    ['0.25', 0],
    ['+Inf', 0],
  ]);
  prometheus = await startPrometheus({ canary: canary.url, baseline: baseline.url });
  await waitForScrapes(prometheus.url, 'canary', 2);
}, 60_000);

/** Grows the counters, the canary with 10 % errors and half its requests slow, until stopped. */
function grow(): () => void {
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    canary.metrics = requestMetrics(90 * tick, 10 * tick, [
      ['0.005', 50 * tick],
      ['0.25', 100 * tick],
      ['+Inf', 100 * tick],
    ]);
    baseline.metrics = requestMetrics(100 * tick, 0, [
      ['0.005', 100 * tick],
      ['0.25', 100 * tick],
      ['+Inf', 100 * tick],
    ]);
  }, 250);
  return () => clearInterval(timer);
}

afterAll(async () => {
  await prometheus?.stop();
  await canary?.close();
  await baseline?.close();
});

describe('the prometheus metrics source, against a real Prometheus', () => {
  it('turns raw sums of the mapped series into request, error and latency windows for canary and baseline', async () => {
    const source = prometheusSource({
      config: {
        source: 'prometheus',
        url: prometheus.url,
        canarySelector: 'job="canary"',
        baselineSelector: 'job="baseline"',
        rangeSec: 30,
        scrapeIntervalSec: 1,
        excludeRoutes: ['/health'],
        queries: [
          {
            name: 'error-ratio',
            query:
              'sum(rate(http_requests_total{{{selector}},status_code="500"}[{{range}}])) / sum(rate(http_requests_total{{{selector}}}[{{range}}]))',
            max: 0.05,
          },
          { name: 'empty', query: 'sum(nonexistent_metric{{{selector}}})' },
          { name: 'nan', query: 'sum(http_requests_total{{{selector}}}) * 0 / 0' },
          { name: 'per-series', query: 'http_requests_total{{{selector}}}' },
        ],
      },
      mapping: METRIC_PRESETS['health-server'],
      intervalSec: 2,
      timeoutMs: 5000,
    });
    await source.start();
    expect(await source.contract()).toBeNull();
    const stop = grow();
    await waitForScrapes(prometheus.url, 'canary', 8);
    stop();
    const poll = await source.poll();
    expect(poll.problems).toEqual([]);
    const c = poll.canary!;
    expect(c.requests).toBeGreaterThan(0);
    expect(c.errors / c.requests).toBeCloseTo(0.1, 1);
    const slow = c.latency.find((b) => b.le === 0.25)!.count;
    expect(slow / c.requests).toBeCloseTo(0.5, 1);
    expect(poll.baseline!.errors).toBe(0);
    const queries = Object.fromEntries(poll.queries!.map((q) => [q.name, q]));
    expect(queries['error-ratio']!.value).toBeCloseTo(0.1, 1);
    expect(queries.empty).toMatchObject({ value: null, seriesCount: 0 });
    expect(queries.nan).toMatchObject({ value: null, seriesCount: 1 });
    expect(queries['per-series']!.seriesCount).toBe(2);
    expect((await source.total()).canary!.requests).toBeGreaterThan(0);
    const plan = source.plan();
    expect(plan.every((a) => a.kind === 'promql')).toBe(true);
    expect(plan.map((a) => a.detail)).toContain(
      'sum by (status_code, route) (http_requests_total{job="canary",route!~"/health"})',
    );
  });

  it("reads the baseline's history before the run, in intervals of the run's length", async () => {
    const stop = grow();
    await waitForScrapes(prometheus.url, 'baseline', 6);
    stop();
    const config = {
      source: 'prometheus' as const,
      url: prometheus.url,
      canarySelector: 'job="canary"',
      scrapeIntervalSec: 1,
      excludeRoutes: [],
      queries: [],
    };
    const source = prometheusSource({
      config: { ...config, baselineSelector: 'job="baseline"' },
      mapping: METRIC_PRESETS['health-server'],
      intervalSec: 1,
      timeoutMs: 5000,
    });
    const history = await source.baselineHistory!(20);
    // One per second since Prometheus has data (it started seconds ago), up to 20.
    expect(history.length).toBeGreaterThanOrEqual(3);
    expect(history.length).toBeLessThanOrEqual(20);
    const served = history.filter((w) => w.requests > 0);
    expect(served.length).toBeGreaterThan(0);
    // The baseline served no error; every timed request is in a bucket.
    for (const w of served) {
      expect(w.errors).toBe(0);
      expect(w.latency.reduce((s, b) => s + b.count, 0)).toBe(w.requests);
    }
    const noBaseline = prometheusSource({
      config,
      mapping: METRIC_PRESETS['health-server'],
      intervalSec: 1,
      timeoutMs: 5000,
    });
    expect(noBaseline.baselineHistory).toBeUndefined();
  });

  it('says when Prometheus rejects a query, and reports it as a problem of the poll', async () => {
    const error = await instantQuery(prometheus.url, 'sum(', 5000).catch((e) => e);
    expect(error).toBeInstanceOf(CanaryError);
    expect(error.message).toMatch(/^Prometheus rejected sum\(: .*parse error/);
    const source = prometheusSource({
      config: {
        source: 'prometheus',
        url: prometheus.url,
        canarySelector: 'job="canary"',
        scrapeIntervalSec: 1,
        excludeRoutes: [],
        queries: [{ name: 'bad', query: 'sum(' }],
      },
      mapping: METRIC_PRESETS['health-server'],
      intervalSec: 2,
      timeoutMs: 5000,
    });
    await source.start();
    const poll = await source.poll();
    expect(poll.canary).not.toBeNull();
    expect(poll.problems[0]).toMatch(
      /^could not query Prometheus for the user queries: Prometheus rejected sum\(/,
    );
    expect(poll.queries).toEqual([{ name: 'bad', value: null, seriesCount: 0 }]);
  });

  it("fails the contract, naming the preset, when the selected series are Go promhttp's", async () => {
    const source = prometheusSource({
      config: {
        source: 'prometheus',
        url: prometheus.url,
        canarySelector: 'job="canary"',
        scrapeIntervalSec: 1,
        excludeRoutes: [],
        queries: [],
      },
      mapping: { ...METRIC_PRESETS['health-server'], requestCounter: 'nonexistent_total' },
      intervalSec: 2,
      timeoutMs: 5000,
    });
    await source.start();
    expect((await source.contract())?.problem).toBe(
      'metrics contract: Prometheus for canary {job="canary"} has no nonexistent_total series (found http_requests_total with status_code, as health-server exposes it): set metrics.preset to "health-server", or map your series with metrics.mapping',
    );
  });

  it('takes a scalar answer as one value, and refuses a range vector', async () => {
    expect(await instantQuery(prometheus.url, '1 + 1', 5000)).toEqual([{ metric: {}, value: 2 }]);
    await expect(instantQuery(prometheus.url, 'up[1m]', 5000)).rejects.toThrow(
      'Prometheus answered a matrix for up[1m]; expected an instant vector',
    );
  });

  it('reports a Prometheus it cannot reach as a problem of the poll, not as zero traffic', async () => {
    const source = prometheusSource({
      config: {
        source: 'prometheus',
        url: 'http://127.0.0.1:1',
        canarySelector: 'job="canary"',
        scrapeIntervalSec: 1,
        excludeRoutes: [],
        queries: [],
      },
      mapping: METRIC_PRESETS['health-server'],
      intervalSec: 2,
      timeoutMs: 1000,
    });
    const poll = await source.poll();
    expect(poll.canary).toBeNull();
    expect(poll.problems[0]).toMatch(/^could not query Prometheus for the canary: /);
  });

  it('says when the server is not Prometheus', async () => {
    await expect(instantQuery(canary.url, 'up', 2000)).rejects.toThrow(
      'Prometheus answered 200 without a query result for up; check metrics.url',
    );
  });
});
