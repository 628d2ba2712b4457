import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProgressEvent, runLoad, runSmoke } from '../src/index.js';
import { contractService, healthBody } from './helpers/contract-service.js';
import { Fixtures, selfSignedCertificate } from './helpers/fixtures.js';
import { expectValidLoadReport, expectValidReport } from './helpers/report-schema.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

const ok = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200).end('ok');

describe('runLoad', () => {
  it('measures latency percentiles, rate and status codes, and passes within the limits', async () => {
    const seen = new Set<string>();
    const url = await fixtures.http((req, res) => {
      seen.add(`${req.method} ${req.url} ${req.headers.authorization}`);
      ok(req, res);
    });
    const ticks: ProgressEvent[] = [];
    const report = await runLoad({
      url,
      durationSec: 1.2,
      connections: 4,
      token: 'load-token-1234',
      onProgress: (e) => ticks.push(e),
    });
    expectValidLoadReport(report);
    expect(report.status).toBe('pass');
    expect(report.requests).toBeGreaterThan(10);
    expect(report.statusCodes['200']).toBe(report.requests);
    expect(report.errors).toBe(0);
    expect(report.rps).toBeGreaterThan(0);
    expect(report.latencyMs.p50).toBeLessThanOrEqual(report.latencyMs.p99);
    expect(report.latencyMs.p99).toBeLessThanOrEqual(report.latencyMs.max);
    expect(report).toMatchObject({ path: '/health', connections: 4 });
    expect(report.thresholds.map((t) => t.name)).toEqual(['maxP99Ms', 'maxErrorRate']);
    // Every request, however many the run sent, is the same one.
    expect([...seen]).toEqual(['GET /health Bearer load-token-1234']);
    expect(ticks.some((t) => t.type === 'load-tick' && t.requests > 0)).toBe(true);
  });

  it('counts non-2xx answers as errors and fails over the error-rate limit', async () => {
    let n = 0;
    const url = await fixtures.http((_req, res) => res.writeHead(++n % 4 === 0 ? 503 : 200).end());
    const report = await runLoad({
      url,
      path: '/api/v1/orders',
      durationSec: 1,
      connections: 2,
      maxErrorRate: 0.05,
    });
    expectValidLoadReport(report);
    expect(report.status).toBe('fail');
    expect(report.errorKinds.non2xx).toBe(report.statusCodes['503']);
    expect(report.errorRate).toBeGreaterThan(0.2);
    // Answers of any status are timed, as wrk does.
    expect(report.latencyMs.p50).toBeGreaterThan(0);
    expect(report.error).toMatch(
      /^\/api\/v1\/orders: error rate 2\d\.\d\d% \(\d+ of \d+: \d+ non2xx\) over the 5\.00% limit$/,
    );
  });

  it('fails a p99 over the limit and a rate under the minimum', async () => {
    const url = await fixtures.http((req, res) => setTimeout(() => ok(req, res), 20));
    const report = await runLoad({
      url,
      durationSec: 1,
      connections: 2,
      maxP99Ms: 1,
      minRps: 1_000_000,
    });
    expect(report.status).toBe('fail');
    expect(report.thresholds.filter((t) => !t.pass).map((t) => t.name)).toEqual([
      'maxP99Ms',
      'minRps',
    ]);
    expect(report.error).toMatch(
      /p99 latency [\d.]+ ms over the 1 ms limit; [\d.]+ requests\/s under the 1000000 minimum$/,
    );
  });

  it('times answers finer than a millisecond and judges a fractional p99 limit', async () => {
    const url = await fixtures.http((req, res) => setTimeout(() => ok(req, res), 5));
    const report = await runLoad({ url, durationSec: 1, connections: 2, maxP99Ms: 2.5 });
    expectValidLoadReport(report);
    const { p50, p90, p99, p999, max } = report.latencyMs;
    expect(p50).toBeGreaterThanOrEqual(4);
    expect([p50, p90, p99, p999, max]).toEqual(
      [...[p50, p90, p99, p999, max]].sort((a, b) => a - b),
    );
    // Whole milliseconds (autocannon's own figures) would make every one an integer.
    expect([p50, p90, p99, p999, max].some((ms) => !Number.isInteger(ms))).toBe(true);
    expect(report.thresholds[0]).toMatchObject({
      name: 'maxP99Ms',
      limit: 2.5,
      actual: p99,
      pass: false,
    });
    expect(report.error).toBe(`/health: p99 latency ${p99} ms over the 2.5 ms limit`);
  });

  it('fails when nothing answers, counting timeouts as errors', async () => {
    const url = await fixtures.tcp(() => undefined);
    const report = await runLoad({ url, durationSec: 1.5, connections: 2, timeoutMs: 1000 });
    expectValidLoadReport(report);
    expect(report.status).toBe('fail');
    expect(report.errorKinds.timeouts).toBeGreaterThan(0);
    expect(report.error).toMatch(
      /^\/health: no request was answered in [\d.]+ s; error rate 100\.00%/,
    );
  });

  it('fails a refused target with no request answered', async () => {
    const report = await runLoad({
      url: await fixtures.refusedUrl(),
      durationSec: 0.5,
      connections: 1,
    });
    expect(report.status).toBe('fail');
    expect(report.errorKinds.connection).toBeGreaterThan(0);
    expect(report.error).toContain('no request was answered');
  });

  it('sends a JSON body with its content type', async () => {
    const bodies = new Set<string>();
    const url = await fixtures.http((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.add(`${req.method} ${req.headers['content-type']} ${body}`);
        res.writeHead(200).end();
      });
    });
    await runLoad({
      url,
      path: '/api/v1/orders/validate',
      method: 'POST',
      body: { quantity: 1 },
      durationSec: 0.5,
      connections: 1,
    });
    expect([...bodies]).toEqual(['POST application/json {"quantity":1}']);
  });

  it('stops early when aborted', async () => {
    const url = await fixtures.http(ok);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const report = await runLoad({
      url,
      durationSec: 30,
      connections: 1,
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.durationSec).toBeLessThan(10);
  });

  it('loads an https target with verification off', async () => {
    const url = await fixtures.https(ok, selfSignedCertificate());
    const report = await runLoad({ url, durationSec: 0.5, connections: 1, insecure: true });
    expect(report.status).toBe('pass');
  });

  it('rejects out-of-bounds options with E_CONFIG_INVALID before sending anything', async () => {
    const url = 'http://127.0.0.1:1';
    const cases: Array<[object, string]> = [
      [{ durationSec: 301 }, 'load duration must be more than 0 and at most 300 s, got 301'],
      [{ durationSec: 0 }, 'load duration must be more than 0'],
      [{ connections: 0 }, 'load connections must be a whole number from 1 to 1000, got 0'],
      [{ connections: 2.5 }, 'got 2.5'],
      [{ maxP99Ms: 0 }, 'load maxP99Ms must be more than 0 ms, got 0'],
      [{ maxErrorRate: 2 }, 'load maxErrorRate must be from 0 to 1, got 2'],
      [{ minRps: -1 }, 'load minRps must be 0 or more, got -1'],
      [{ timeoutMs: 0 }, 'load timeoutMs must be more than 0, got 0'],
      [{ path: 'health' }, 'load path must start with /, got "health"'],
    ];
    for (const [options, message] of cases) {
      await expect(runLoad({ url, ...options })).rejects.toMatchObject({
        code: 'E_CONFIG_INVALID',
        message: expect.stringContaining(message),
      });
    }
    await expect(runLoad({ url: 'nope' })).rejects.toMatchObject({ code: 'E_URL_INVALID' });
  });
});

describe('the load check of runSmoke', () => {
  it('runs after the other checks and puts the load report beside them', async () => {
    const url = await fixtures.http(contractService());
    const report = await runSmoke({
      url,
      load: { durationSec: 1, connections: 2 },
      config: { skip: ['resources'], load: { path: '/ready', maxP99Ms: 2000 } },
    });
    expectValidReport(report);
    expect(report.status).toBe('pass');
    expect(report.checks.at(-1)).toMatchObject({
      name: 'load',
      status: 'pass',
      details: { errorRate: 0 },
    });
    expect(report.load).toMatchObject({ path: '/ready', connections: 2, status: 'pass' });
    expect(report.load!.thresholds[0]).toMatchObject({ name: 'maxP99Ms', limit: 2000 });
  });

  it('skips the load when the service is not healthy', async () => {
    const url = await fixtures.http(
      contractService({ health: { status: 503, body: healthBody('fail') } }),
    );
    const report = await runSmoke({ url, load: true, config: { skip: ['resources'] } });
    expectValidReport(report);
    expect(report.checks.at(-1)).toMatchObject({
      name: 'load',
      status: 'skip',
      error: 'not run: the health check did not pass',
    });
    expect(report.load).toBeUndefined();
  });

  it('skips the load when the config says so', async () => {
    const url = await fixtures.http(contractService());
    const report = await runSmoke({ url, load: true, config: { skip: ['resources', 'load'] } });
    expect(report.checks.at(-1)).toMatchObject({
      name: 'load',
      status: 'skip',
      error: 'skipped by the configuration',
    });
  });

  it('fails the load check when the run is aborted during the load', async () => {
    const url = await fixtures.http(contractService());
    const controller = new AbortController();
    const report = await runSmoke({
      url,
      load: { durationSec: 20, connections: 1 },
      config: { skip: ['resources'] },
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'load-tick') controller.abort();
      },
    });
    expectValidReport(report);
    expect(report.checks.at(-1)).toMatchObject({
      name: 'load',
      status: 'fail',
      error: expect.stringContaining('(load stopped early)'),
    });
  });
});
