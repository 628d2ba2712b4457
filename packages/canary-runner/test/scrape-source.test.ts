import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/deployers/local/free-port.js';
import { METRIC_PRESETS } from '../src/metrics/mapping/presets.js';
import { scrapeSource } from '../src/metrics/scrape-source.js';
import { probeHealth } from '../src/probes/health-probe.js';
import {
  type MetricsServer,
  requestMetrics,
  startMetricsServer,
} from './helpers/metrics-server.js';

let canary: MetricsServer;
let baseline: MetricsServer;

beforeEach(async () => {
  canary = await startMetricsServer();
  baseline = await startMetricsServer();
});

afterEach(async () => {
  await canary.close();
  await baseline.close();
});

describe('the scrape metrics source', () => {
  it('reads both /metrics and gives the deltas between polls, and the whole run since start', async () => {
    canary.metrics = requestMetrics(100, 0, [
      ['0.005', 100],
      ['0.25', 100],
      ['+Inf', 100],
    ]);
    baseline.metrics = requestMetrics(1000, 0, [
      ['0.005', 1000],
      ['+Inf', 1000],
    ]);
    const source = scrapeSource({
      canaryUrl: canary.url,
      baselineUrl: baseline.url,
      mapping: METRIC_PRESETS['health-server'],
      excludeRoutes: ['/health'],
      timeoutMs: 2000,
    });
    await source.start();
    canary.metrics = requestMetrics(190, 10, [
      ['0.005', 150],
      ['0.25', 200],
      ['+Inf', 200],
    ]);
    baseline.metrics = requestMetrics(1100, 0, [
      ['0.005', 1100],
      ['+Inf', 1100],
    ]);
    const first = await source.poll();
    expect(first.problems).toEqual([]);
    expect(first.canary).toMatchObject({
      requests: 100,
      errors: 10,
      routes: { '/api/v1/ticker/:symbol': { requests: 100, errors: 10 } },
    });
    expect(await source.contract()).toBeNull();
    expect(first.canary?.latency).toEqual([
      { le: 0.005, count: 50 },
      { le: 0.25, count: 50 },
      { le: Number.POSITIVE_INFINITY, count: 0 },
    ]);
    expect(first.baseline).toMatchObject({ requests: 100, errors: 0 });
    canary.metrics = requestMetrics(240, 10, [
      ['0.005', 200],
      ['0.25', 250],
      ['+Inf', 250],
    ]);
    expect((await source.poll()).canary).toMatchObject({ requests: 50, errors: 0 });
    expect((await source.total()).canary).toMatchObject({ requests: 150, errors: 10 });
    expect(source.plan().map((a) => a.summary)).toEqual([
      `GET ${canary.url}/metrics every interval (http_requests_total by status_code and http_request_duration_seconds deltas)`,
      `GET ${baseline.url}/metrics every interval (http_requests_total by status_code and http_request_duration_seconds deltas)`,
    ]);
  });

  it('reports a side it cannot read as a problem, not as zero traffic', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const source = scrapeSource({
      canaryUrl: canary.url,
      baselineUrl: closed,
      mapping: METRIC_PRESETS['health-server'],
      excludeRoutes: [],
      timeoutMs: 500,
    });
    await source.start();
    const poll = await source.poll();
    expect(poll.baseline).toBeNull();
    expect(poll.problems).toEqual(["could not scrape the baseline's /metrics: connection refused"]);
    canary.delayMs = 1500;
    const slow = await source.poll();
    expect(slow.canary).toBeNull();
    expect(slow.problems).toContain(
      "could not scrape the canary's /metrics: timed out after 500 ms",
    );
  });
});

describe('the metrics contract of the scrape source', () => {
  it('fails closed with the preset to use when the counter labels its status `code`', async () => {
    canary.metrics =
      'http_requests_total{code="500",method="get"} 10\nhttp_request_duration_seconds_bucket{code="500",le="+Inf"} 10\n';
    const source = scrapeSource({
      canaryUrl: canary.url,
      mapping: METRIC_PRESETS['health-server'],
      excludeRoutes: [],
      timeoutMs: 2000,
    });
    await source.start();
    expect((await source.contract())?.problem).toBe(
      'metrics contract: the canary\'s /metrics has http_requests_total without a readable status in label status_code; set metrics.mapping.statusLabel to "code" (found http_requests_total with code, as go-promhttp exposes it): set metrics.preset to "go-promhttp", or map your series with metrics.mapping',
    );
    const go = scrapeSource({
      canaryUrl: canary.url,
      mapping: METRIC_PRESETS['go-promhttp'],
      excludeRoutes: [],
      timeoutMs: 2000,
    });
    await go.start();
    expect(await go.contract()).toBeNull();
    canary.metrics = 'http_requests_total{code="500",method="get"} 15\n';
    expect((await go.poll()).canary).toMatchObject({ requests: 5, errors: 5 });
  });
});

describe('probeHealth', () => {
  it('passes 200 on /health and /ready, and names the failing endpoint and checks otherwise', async () => {
    expect(await probeHealth(canary.url, 1000)).toEqual({
      ok: true,
      detail: 'GET /health answered 200 (pass), GET /ready answered 200 (pass)',
    });
    canary.readyStatus = 503;
    expect(await probeHealth(canary.url, 1000)).toEqual({
      ok: false,
      detail: 'GET /ready answered 503 (fail: exchange:connectivity failing)',
    });
    canary.delayMs = 800;
    expect((await probeHealth(canary.url, 200)).detail).toBe('GET /health timed out after 200 ms');
    expect((await probeHealth(`http://127.0.0.1:${await freePort()}`, 200)).detail).toBe(
      'GET /health connection refused',
    );
  });
});
