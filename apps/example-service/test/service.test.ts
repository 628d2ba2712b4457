import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningService, startExampleService } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field.
type Body = any;

const ADMIN = 'admin-test-token-1';
const DETAILS = 'details-test-token-1';
/** What the tests send: the admin token on admin routes, the details token elsewhere. */
const auth = (url: string) => ({
  authorization: `Bearer ${url.includes('/admin/') ? ADMIN : DETAILS}`,
});

/** GET a JSON body. */
const getJson = async (url: string): Promise<Body> =>
  (await fetch(url, { headers: auth(url) })).json();

const running: RunningService[] = [];
const logs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.close()));
  logs.length = 0;
});

async function start(
  options: Parameters<typeof startExampleService>[0] = {},
): Promise<RunningService> {
  const service = await startExampleService({
    port: 0,
    log: (line) => logs.push(line),
    adminToken: ADMIN,
    detailsToken: DETAILS,
    ...options,
  });
  running.push(service);
  return service;
}

async function post(
  url: string,
  body: unknown,
  raw?: string,
): Promise<{ status: number; body: Body }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(url) },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const order = { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: 0.1 };

describe('the example service', () => {
  it('serves the four contract routes with its identity and trading block', async () => {
    const service = await start({ version: '1.4.2', releaseId: 'abc123', environment: 'staging' });
    expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/health+json; charset=utf-8');
    const ready = await getJson(`${service.url}/ready`);
    expect(Object.keys(ready.checks).sort()).toEqual(['exchange:responseTime', 'market-data:age']);
    expect(ready).toMatchObject({
      status: 'pass',
      version: '1.4.2',
      releaseId: 'abc123',
      serviceId: 'n1v1-example',
    });
    const status = await getJson(`${service.url}/api/v1/status`);
    expect(status).toMatchObject({
      service: 'n1v1-example',
      version: '1.4.2',
      environment: 'staging',
      status: 'pass',
      trading: { mode: 'paper', enabled: true, venues: ['simulated'] },
    });
    expect(status.trading.marketDataAgeMs).toBeGreaterThanOrEqual(0);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('n1v1_market_data_age_seconds');
    expect(metrics).toContain('process_resident_memory_bytes');
  });

  it('quotes symbols and places, finds and validates paper orders', async () => {
    const { url } = await start();
    const ticker = await getJson(`${url}/api/v1/ticker/btc-usd`);
    expect(ticker).toMatchObject({ symbol: 'BTC-USD' });
    expect(ticker.bid).toBeLessThan(ticker.ask);
    expect((await fetch(`${url}/api/v1/ticker/DOGE-USD`)).status).toBe(404);

    expect(await post(`${url}/api/v1/orders/validate`, order)).toEqual({
      status: 200,
      body: { valid: true },
    });
    const invalid = await post(`${url}/api/v1/orders/validate`, { ...order, quantity: -1 });
    expect(invalid).toEqual({
      status: 400,
      body: { valid: false, reasons: ['quantity must be a number above 0'] },
    });

    const placed = await post(`${url}/api/v1/orders`, order);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ ...order, status: 'filled' });
    const found = await fetch(`${url}/api/v1/orders/${placed.body.id}`);
    expect(await found.json()).toEqual(placed.body);
    expect((await fetch(`${url}/api/v1/orders/nope`)).status).toBe(404);
    expect((await post(`${url}/api/v1/orders`, { symbol: 'BTC-USD' })).status).toBe(400);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      'n1v1_orders_total{symbol="BTC-USD",side="buy",type="market",status="filled"} 1',
    );
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/api/v1/orders/:id",status_code="200"} 1',
    );
  });

  it('validates without side effects: no order is stored or counted', async () => {
    const { url } = await start();
    for (let i = 0; i < 5; i++) await post(`${url}/api/v1/orders/validate`, order);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).not.toContain('n1v1_orders_total{');
    expect((await getJson(`${url}/api/v1/status`)).trading.openOrders).toBe(0);
  });

  it('answers malformed, oversized and unrouted requests with one-line JSON errors', async () => {
    const { url } = await start();
    expect(await post(`${url}/api/v1/orders`, undefined, '{"symbol":')).toEqual({
      status: 400,
      body: { error: 'the body is not valid JSON' },
    });
    expect(
      await post(`${url}/api/v1/orders`, undefined, JSON.stringify({ pad: 'x'.repeat(20_000) })),
    ).toEqual({
      status: 413,
      body: { error: 'the body is larger than 16 KiB' },
    });
    const missing = await fetch(`${url}/api/v2/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no route for GET /api/v2/nothing' });
  });
});

describe('fault switches', () => {
  it('answers the configured fraction of trading requests with 500, spread evenly', async () => {
    const { url } = await start({ errorRate: 0.25 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await fetch(`${url}/api/v1/ticker/BTC-USD`)).status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(5);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      'http_requests_total{method="GET",route="/api/v1/ticker/:symbol",status_code="500"} 5',
    );
  });

  it('adds latency to trading requests only', async () => {
    const { url } = await start({ latencyMs: 300 });
    const started = performance.now();
    expect((await fetch(`${url}/api/v1/ticker/ETH-USD`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('fails readiness with a failing exchange and times it out with a hanging one', async () => {
    const failing = await start({ exchange: 'fail' });
    const res = await fetch(`${failing.url}/ready`, { headers: auth('/ready') });
    expect(res.status).toBe(503);
    expect(((await res.json()) as Body).checks['exchange:responseTime'][0].output).toBe(
      'exchange unreachable: connect ECONNREFUSED (simulated)',
    );
    expect((await fetch(`${failing.url}/health`)).status).toBe(200);

    const hanging = await start({ exchange: 'hang' });
    const hung = await getJson(`${hanging.url}/ready`);
    expect(hung.checks['exchange:responseTime'][0]).toMatchObject({
      status: 'fail',
      output: 'timed out after 1000 ms',
    });
  });

  it('changes faults at runtime through the admin route, and rejects bad ones', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(await post(`${url}/admin/faults`, { exchange: 'fail', errorRate: 1 })).toEqual({
      status: 200,
      body: { errorRate: 1, latencyMs: 0, exchange: 'fail', stallEventLoopMs: 0 },
    });
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    expect((await fetch(`${url}/api/v1/ticker/BTC-USD`)).status).toBe(500);
    expect((await getJson(`${url}/admin/faults`)).exchange).toBe('fail');
    const bad = await post(`${url}/admin/faults`, { errorRate: 7 });
    expect(bad).toEqual({
      status: 400,
      body: { error: 'errorRate must be a number from 0 to 1 (got 7)' },
    });
    expect((await post(`${url}/admin/faults`, undefined, '[1]')).status).toBe(400);
    await post(`${url}/admin/faults`, { exchange: 'ok', errorRate: 0 });
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });

  it('stalls the event loop every second so liveness warns, and recovers when switched off', async () => {
    const { url } = await start({ stallEventLoopMs: 700 });
    const liveness = async () => (await getJson(`${url}/health`)).status as string;
    let status = 'pass';
    for (let i = 0; i < 30 && status === 'pass'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      status = await liveness();
    }
    expect(status).toBe('warn');
    await post(`${url}/admin/faults`, { stallEventLoopMs: 0 });
    // The delay check looks back to its previous run, so recovery shows a round or two later.
    for (let i = 0; i < 30 && status !== 'pass'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      status = await liveness();
    }
    expect(status).toBe('pass');
  }, 40_000);
});

describe('starting', () => {
  it('fails with E_CRASH_ON_START when asked to crash, leaving the port free', async () => {
    const error = await startExampleService({ port: 0, crashOnStart: true, log: () => {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'E_CRASH_ON_START' });
  });

  it('fails with E_LISTEN_FAILED and a hint when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const error = await startExampleService({ port, log: () => {} }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'E_LISTEN_FAILED',
        message: `cannot listen on 127.0.0.1:${port}: EADDRINUSE; set PORT to a free port, or 0 for any`,
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects invalid options before it starts anything', async () => {
    await expect(startExampleService({ port: -1, errorRate: 2 })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message:
        'errorRate must be a number from 0 to 1 (got 2); port must be an integer from 0 to 65535 (got -1)',
    });
  });

  it('rejects shutdown durations out of range', async () => {
    await expect(
      startExampleService({ port: 0, shutdownDelayMs: -5, shutdownTimeoutMs: 0 }),
    ).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message:
        'shutdownDelayMs must be a number of ms from 0 to 600000 (got -5); shutdownTimeoutMs must be above 0',
    });
  });

  it('logs where it listens with its faults', async () => {
    const service = await start({ latencyMs: 5 });
    expect(logs.some((line) => line.startsWith(`listening on ${service.url} (version`))).toBe(true);
  });
});
