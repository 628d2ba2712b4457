import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke, type SmokeConfig } from '../src/index.js';
import {
  contractService,
  healthBody,
  metricsText,
  statusBody,
} from './helpers/contract-service.js';
import { Fixtures } from './helpers/fixtures.js';
import { expectValidReport } from './helpers/report-schema.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

async function check(
  name: string,
  service: Parameters<typeof contractService>[0],
  config: SmokeConfig = {},
) {
  const url = await fixtures.http(contractService(service));
  const report = await runSmoke({ url, config: { resources: { sampleMs: 20 }, ...config } });
  expectValidReport(report);
  const result = report.checks.find((c) => c.name === name)!;
  expect(report.status).toBe(result.status === 'fail' ? 'fail' : report.status);
  return result;
}

describe('the health and ready checks', () => {
  it('fail a 503 and name the failing dependency checks', async () => {
    const result = await check('ready', {
      ready: {
        status: 503,
        body: healthBody('fail', { 'exchange:connectivity': 'fail', 'db:ping': 'pass' }),
      },
    });
    expect(result.error).toBe(
      'GET /ready: expected 2xx with status pass or warn, got HTTP 503 with status "fail" (failing: exchange:connectivity)',
    );
    expect(result.details).toMatchObject({ httpStatus: 503, status: 'fail' });
  });

  it('fail a 2xx whose body says fail, or says nothing', async () => {
    expect(
      (await check('health', { health: { status: 200, body: { status: 'fail' } } })).error,
    ).toBe('GET /health: expected status pass or warn, got "fail" (HTTP 200)');
    expect((await check('health', { health: { status: 200, body: { ok: true } } })).error).toBe(
      'GET /health: expected status pass or warn, got no status field (HTTP 200)',
    );
    expect((await check('health', { health: { status: 200, body: [] } })).error).toContain(
      'got no status field',
    );
  });

  it('accept the "ok" and "up" aliases of the health draft', async () => {
    expect(
      (await check('health', { health: { status: 200, body: { status: 'ok' } } })).status,
    ).toBe('pass');
    expect(
      (await check('health', { health: { status: 200, body: { status: 'UP' } } })).status,
    ).toBe('pass');
  });

  it('fail an empty body', async () => {
    const url = await fixtures.http((_req, res) => res.writeHead(200).end());
    const report = await runSmoke({ url });
    expect(report.checks[0]!.error).toBe(
      'GET /health: expected JSON, got an empty body (HTTP 200)',
    );
  });

  it('fail an answer slower than the configured latency limit', async () => {
    const url = await fixtures.http((req, res) =>
      setTimeout(() => contractService()(req, res), 60),
    );
    const report = await runSmoke({
      url,
      config: { health: { maxLatencyMs: 5 }, skip: ['resources'] },
    });
    expect(report.checks[0]!.error).toMatch(
      /^GET \/health: answered in \d+ ms, over the 5 ms limit$/,
    );
  });

  it('use the configured paths', async () => {
    const service = contractService();
    const url = await fixtures.http((req, res) => {
      req.url = req.url === '/livez' ? '/health' : req.url;
      service(req, res);
    });
    const report = await runSmoke({
      url,
      config: { health: { path: '/livez' }, skip: ['resources'] },
    });
    expect(report.checks[0]!.status).toBe('pass');
  });
});

describe('the status check', () => {
  it('fails a status without a version and lists what it has', async () => {
    const result = await check('status', {
      status: { status: 200, body: { service: 'x', status: 'pass' } },
    });
    expect(result.error).toBe(
      'GET /api/v1/status: expected a JSON object with a version, got fields: service, status',
    );
  });

  it('fails a status that is not an object, or not 2xx', async () => {
    expect((await check('status', { status: { status: 200, body: 'v1' } })).error).toBe(
      'GET /api/v1/status: expected a JSON object with a version, got a string',
    );
    expect(
      (await check('status', { status: { status: 500, body: { error: 'db down' } } })).error,
    ).toBe('GET /api/v1/status: expected 2xx JSON, got HTTP 500: "{\\"error\\":\\"db down\\"}"');
  });

  it('fails invalid JSON and a slow answer', async () => {
    const url = await fixtures.http((req, res) => {
      if (req.url === '/api/v1/status') return res.writeHead(200).end('{');
      contractService()(req, res);
    });
    const report = await runSmoke({ url, config: { skip: ['resources'] } });
    expect(report.checks[2]!.error).toMatch(
      /^GET \/api\/v1\/status: expected JSON, got invalid JSON/,
    );
    expect(report.checks[3]!.error).toMatch(/is not usable \(HTTP 200, not JSON\)/);
    const slow = await check('status', {}, { status: { maxLatencyMs: 0.001 } });
    expect(slow.error).toMatch(/over the 0 ms limit$/);
  });
});

describe('the trading check', () => {
  it('fails when trading is not enabled', async () => {
    const result = await check('trading', {
      status: { status: 200, body: statusBody({ mode: 'paper', enabled: false }) },
    });
    expect(result.error).toBe('expected trading.enabled true in GET /api/v1/status, got false');
    expect(result.details).toEqual({ mode: 'paper', enabled: false });
  });

  it('accepts disabled trading when the config does not require it', async () => {
    const result = await check(
      'trading',
      { status: { status: 200, body: statusBody({ enabled: false }) } },
      { trading: { requireEnabled: false } },
    );
    expect(result.status).toBe('pass');
  });

  it('fails stale market data against the default and a configured limit', async () => {
    const stale = {
      status: { status: 200, body: statusBody({ enabled: true, marketDataAgeMs: 95_000 }) },
    };
    expect((await check('trading', stale)).error).toBe(
      'market data is 95 s old (trading.marketDataAgeMs), over the 30 s limit',
    );
    expect(
      (await check('trading', stale, { trading: { maxMarketDataAgeMs: 120_000 } })).status,
    ).toBe('pass');
  });

  it('runs a side-effect-free probe such as the order validation endpoint', async () => {
    const bodies: string[] = [];
    const service = {
      extra: {
        'POST /api/v1/orders/validate': (
          _req: unknown,
          res: import('node:http').ServerResponse,
          body: string,
        ) => {
          bodies.push(body);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"valid":true}');
        },
      },
    };
    const probe = {
      method: 'POST' as const,
      path: '/api/v1/orders/validate',
      body: { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 0.01 },
      expectJson: [{ path: 'valid', equals: true }],
    };
    const result = await check('trading', service, { trading: { probe } });
    expect(result.status).toBe('pass');
    expect(JSON.parse(bodies[0]!)).toEqual(probe.body);
    expect(result.details).toMatchObject({ enabled: true, probe: { httpStatus: 200 } });
    const failing = await check('trading', service, {
      trading: { probe: { ...probe, expectJson: [{ path: 'valid', equals: false }] } },
    });
    expect(failing.error).toBe(
      'POST /api/v1/orders/validate: expected valid to equal false, got true',
    );
  });

  it('runs only the probe when the status has no trading block', async () => {
    const result = await check(
      'trading',
      { status: { status: 200, body: statusBody(null) } },
      { trading: { probe: { path: '/api/v1/ticker/BTC-USD', expectStatus: 404 } } },
    );
    expect(result.status).toBe('pass');
  });

  it('skips when the status is unusable and fails when it is unreachable', async () => {
    const skipped = await check('trading', { status: { status: 500, body: {} } });
    expect(skipped).toMatchObject({
      status: 'skip',
      error: expect.stringContaining('is not usable (HTTP 500)'),
    });
    const url = await fixtures.refusedUrl();
    const report = await runSmoke({ url });
    expect(report.checks[3]!.error).toMatch(/^GET \/api\/v1\/status: connection refused/);
  });
});

describe('the resources check', () => {
  it('fails each resource over its limit, in one line', async () => {
    let cpu = 10;
    const nextCpu = () => {
      cpu += 1;
      return cpu;
    };
    const result = await check(
      'resources',
      {
        metrics: () => ({
          status: 200,
          body: metricsText({ rssBytes: 2048 * 1024 * 1024, lagMaxSec: 0.5, cpuSec: nextCpu() }),
        }),
      },
      { resources: { sampleMs: 100, maxCpuPercent: 50 } },
    );
    expect(result.error).toMatch(
      /^resident memory 2048 MiB over the 1024 MiB limit; event-loop delay \(max over 100 ms\) 500 ms over the 250 ms limit; CPU \d+(\.\d)?% of a core over the 50% limit$/,
    );
    expect(result.details).toMatchObject({ rssMiB: 2048, eventLoopDelayMs: 500 });
  });

  it('judges the p99 of a single scrape when sampling is off', async () => {
    const result = await check(
      'resources',
      { metrics: { status: 200, body: metricsText({ lagSec: 0.3, lagMaxSec: 0.9 }) } },
      { resources: { sampleMs: 0 } },
    );
    expect(result.error).toBe('event-loop delay (p99) 300 ms over the 250 ms limit');
    expect(result.details).not.toHaveProperty('cpuPercent');
  });

  it('skips when the service has no metrics, or none of the process ones', async () => {
    expect(await check('resources', { metrics: { status: 404, body: 'no' } })).toMatchObject({
      status: 'skip',
      error: 'GET /metrics answered 404: the service exposes no metrics',
    });
    expect((await check('resources', { metrics: { status: 200, body: 'up 1\n' } })).error).toBe(
      'GET /metrics has none of process_resident_memory_bytes, process_cpu_seconds_total, nodejs_eventloop_lag_max_seconds, nodejs_eventloop_lag_p99_seconds',
    );
  });

  it('judges the metrics that are there', async () => {
    const result = await check('resources', {
      metrics: { status: 200, body: 'process_resident_memory_bytes 1048576\n' },
    });
    expect(result).toEqual({
      name: 'resources',
      status: 'pass',
      durationMs: result.durationMs,
      details: { rssMiB: 1 },
    });
  });

  it('fails when the second scrape fails', async () => {
    const result = await check('resources', {
      metrics: (call) =>
        call === 0 ? { status: 200, body: metricsText() } : { status: 500, body: 'boom' },
    });
    expect(result.error).toBe('GET /metrics: expected 2xx Prometheus text, got HTTP 500: "boom"');
  });
});

describe('configured checks', () => {
  it('run beside the built-in ones with method, headers, body, status and JSON expectations', async () => {
    const seen: import('node:http').IncomingMessage[] = [];
    const url = await fixtures.http(
      contractService({
        seen,
        extra: {
          'GET /api/v1/ticker/BTC-USD': (_req, res) =>
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end('{"symbol":"BTC-USD","price":64000.5}'),
          'PUT /echo': (_req, res, body) =>
            res.writeHead(201, { 'content-type': 'text/plain' }).end(body),
        },
      }),
    );
    const report = await runSmoke({
      url,
      config: {
        skip: ['resources', 'trading'],
        checks: [
          {
            name: 'ticker',
            path: '/api/v1/ticker/BTC-USD',
            expectJson: [
              { path: 'price', gt: 0 },
              { path: 'symbol', equals: 'BTC-USD' },
            ],
          },
          {
            name: 'echo',
            method: 'PUT',
            path: '/echo',
            body: 'hello',
            headers: { 'X-Probe': '1' },
            expectStatus: [200, 201],
          },
          { name: 'missing', path: '/nope', expectStatus: 200 },
          {
            name: 'not-json',
            method: 'PUT',
            path: '/echo',
            body: 'plain',
            expectJson: [{ path: 'a', exists: true }],
          },
        ],
      },
    });
    expectValidReport(report);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['health', 'pass'],
      ['ready', 'pass'],
      ['status', 'pass'],
      ['trading', 'skip'],
      ['resources', 'skip'],
      ['ticker', 'pass'],
      ['echo', 'pass'],
      ['missing', 'fail'],
      ['not-json', 'fail'],
    ]);
    expect(report.checks[3]!.error).toBe('skipped by the configuration');
    expect(report.checks[7]!.error).toBe(
      'GET /nope: expected HTTP 200, got HTTP 404: "{\\"error\\":\\"not found\\"}"',
    );
    expect(report.checks[8]!.error).toBe(
      'PUT /echo: expected JSON, got invalid JSON (Unexpected token \'p\', "plain" is not valid JSON): "plain"',
    );
    const echoes = seen.filter((r) => r.url === '/echo');
    expect(echoes.map((r) => r.headers['x-probe'] ?? 'none').sort()).toEqual(['1', 'none']);
    expect(echoes.map((r) => r.headers['content-type'])).toEqual(['text/plain', 'text/plain']);
  });
});
