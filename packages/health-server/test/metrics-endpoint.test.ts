import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import express from 'express';
import { Counter, Registry } from 'prom-client';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, getStatus, listen, makeHealth } from './helpers.js';

afterEach(cleanup);

function tradingApp(health: ReturnType<typeof makeHealth>) {
  const app = express();
  app.use(health.metricsMiddleware());
  app.use(health.router());
  const api = express.Router();
  api.get('/orders/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  api.post('/orders', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  api.get('/boom', () => {
    throw new Error('boom');
  });
  app.use('/api/v1', api);
  app.get('/', (_req, res) => {
    res.send('home');
  });
  return app;
}

/** Sample lines of one metric family, without HELP/TYPE. */
function samples(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

/**
 * Series in a scrape, leaving out the by-type gauges of active handles and resources: their
 * series follow what the test process holds open at that instant (timers, sockets).
 */
function seriesCount(text: string): number {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('nodejs_active_'))
    .length;
}

describe('GET /metrics', () => {
  it('passes promtool check metrics', async () => {
    const health = makeHealth();
    health.readiness('db', () => {});
    health.liveness('loop', () => ({ status: 'warn' }));
    const app = tradingApp(health);
    await request(app).get('/api/v1/orders/7');
    await request(app).get('/ready');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: res.text, encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  });

  it('includes the default process metrics and the contract metrics', async () => {
    const health = makeHealth();
    health.readiness('db', () => {});
    const app = tradingApp(health);
    await request(app).get('/ready');
    await request(app).get('/api/v1/orders/1');
    const { text } = await request(app).get('/metrics');
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
      'process_start_time_seconds',
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'health_check_status',
      'health_check_duration_seconds_count',
      'health_check_timeouts_total',
    ]) {
      expect(samples(text, name).length, name).toBeGreaterThan(0);
    }
    const buckets = samples(text, 'http_request_duration_seconds_bucket').map(
      (line) => /le="([^"]+)"/.exec(line)?.[1],
    );
    expect([...new Set(buckets)]).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
  });

  it('labels requests by route template, method and status, never by raw URL', async () => {
    const app = tradingApp(makeHealth());
    await request(app).get('/api/v1/orders/1');
    await request(app).get('/api/v1/orders/2?fields=all');
    await request(app).get('/api/v1/orders/3/');
    await request(app).post('/api/v1/orders').send({});
    await request(app).get('/api/v1/boom');
    await request(app).get('/');
    await request(app).get('/no/such/path');
    const { text } = await request(app).get('/metrics');
    expect(samples(text, 'http_requests_total').sort()).toEqual([
      'http_requests_total{method="GET",route="/",status_code="200"} 1',
      'http_requests_total{method="GET",route="/api/v1/boom",status_code="500"} 1',
      'http_requests_total{method="GET",route="/api/v1/orders/:id",status_code="200"} 3',
      'http_requests_total{method="GET",route="<unmatched>",status_code="404"} 1',
      'http_requests_total{method="POST",route="/api/v1/orders",status_code="201"} 1',
    ]);
  });

  it('keeps the series count flat under a flood of random URLs', async () => {
    // Reads /metrics twice within a second: the render cache would hand back the first page.
    const health = makeHealth({ metrics: { cacheMs: 0 } });
    const url = await listen(createServer(tradingApp(health)));
    for (let i = 0; i < 20; i++)
      await getStatus(`${url}/random/${Math.random().toString(36).slice(2)}`);
    const before = seriesCount(await (await fetch(`${url}/metrics`)).text());
    for (let i = 0; i < 500; i++) {
      const junk = Math.random().toString(36).slice(2);
      await getStatus(`${url}/${junk}/${i}?q=${junk}`);
    }
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(seriesCount(text)).toBe(before);
    expect(samples(text, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="<unmatched>",status_code="404"} 520',
    ]);
  });

  it('caps distinct route labels and counts the rest as <other>', async () => {
    const health = makeHealth({ metrics: { maxRouteLabels: 2 } });
    const app = express();
    app.use(health.metricsMiddleware());
    for (const path of ['/a', '/b', '/c', '/d'])
      app.get(path, (_req, res) => {
        res.send(path);
      });
    app.use(health.router());
    for (const path of ['/a', '/b', '/c', '/d', '/a']) await request(app).get(path);
    const { text } = await request(app).get('/metrics');
    expect(samples(text, 'http_requests_total').sort()).toEqual([
      'http_requests_total{method="GET",route="/a",status_code="200"} 2',
      'http_requests_total{method="GET",route="/b",status_code="200"} 1',
      'http_requests_total{method="GET",route="<other>",status_code="200"} 2',
    ]);
  });

  it('leaves probes and scrapes out of the HTTP metrics unless asked', async () => {
    const quiet = makeHealth();
    const app = tradingApp(quiet);
    await request(app).get('/health');
    await request(app).get('/ready');
    await request(app).get('/metrics');
    expect(samples((await request(app).get('/metrics')).text, 'http_requests_total')).toEqual([]);

    const loud = makeHealth();
    const counted = express();
    counted.use(loud.metricsMiddleware({ includeHealthRoutes: true }));
    counted.use(loud.router());
    await request(counted).get('/health');
    expect(samples((await request(counted).get('/metrics')).text, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="/health",status_code="200"} 1',
    ]);
  });

  it('serves OpenMetrics when the Accept header prefers it, as Prometheus sends it', async () => {
    const app = tradingApp(makeHealth());
    await request(app).get('/api/v1/orders/9');
    const res = await request(app)
      .get('/metrics')
      .set(
        'Accept',
        'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      );
    expect(res.headers['content-type']).toBe(
      'application/openmetrics-text; version=1.0.0; charset=utf-8',
    );
    expect(res.text.endsWith('# EOF\n')).toBe(true);
    expect(res.text).toContain('# TYPE http_requests counter');
    expect(res.text).toContain(
      'http_requests_total{method="GET",route="/api/v1/orders/:id",status_code="200"} 1',
    );
    expect(res.text).not.toContain('\n\n');
    // The Prometheus format from the same registry keeps its counter names.
    const plain = await request(app).get('/metrics');
    expect(plain.text).toContain('# TYPE http_requests_total counter');
  });

  it('requires the bearer token when one is configured', async () => {
    const app = tradingApp(makeHealth({ metrics: { token: 'scrape-me' } }));
    const anonymous = await request(app).get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(anonymous.text).not.toContain('scrape-me');
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(
      401,
    );
    const allowed = await request(app).get('/metrics').set('Authorization', 'Bearer scrape-me');
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('process_cpu_seconds_total');
  });

  it("serves the service's own metrics registered on the health registry", async () => {
    const health = makeHealth();
    const orders = new Counter({
      name: 'orders_placed_total',
      help: 'Orders placed.',
      registers: [health.registry],
    });
    orders.inc(3);
    const { text } = await request(tradingApp(health)).get('/metrics');
    expect(samples(text, 'orders_placed_total')).toEqual(['orders_placed_total 3']);
  });

  it('uses a registry of its own unless one is passed, and can share one between health objects', async () => {
    const shared = new Registry();
    const first = makeHealth({ metrics: { registry: shared } });
    const second = makeHealth({ metrics: { registry: shared, defaultMetrics: false } });
    expect(first.registry).toBe(shared);
    expect(second.registry).toBe(shared);
    expect(makeHealth().registry).not.toBe(shared);
    first.readiness('a', () => {});
    second.readiness('b', () => {});
    await first.evaluate('readiness');
    await second.evaluate('readiness');
    const text = await shared.metrics();
    expect(samples(text, 'health_check_status').sort()).toEqual([
      'health_check_status{check="a",kind="readiness"} 1',
      'health_check_status{check="b",kind="readiness"} 1',
    ]);
  });

  it('names routes of mounted sub-apps and nested routers by their full template', async () => {
    const health = makeHealth();
    const app = express();
    app.use(health.metricsMiddleware());
    const admin = express();
    const accounts = express.Router();
    accounts.get('/:account/orders/:id', (_req, res) => {
      res.send('ok');
    });
    admin.use('/accounts', accounts);
    app.use('/admin', admin);
    app.use(health.router());
    await request(app).get('/admin/accounts/7/orders/9');
    const { text } = await request(app).get('/metrics');
    expect(samples(text, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="/admin/accounts/:account/orders/:id",status_code="200"} 1',
    ]);
  });

  it('refuses a registry that already has HTTP metrics of another library', () => {
    const registry = new Registry();
    new Counter({ name: 'http_requests_total', help: 'theirs', registers: [registry] });
    expect(() => makeHealth({ metrics: { registry } })).toThrow(
      'createHealth: the registry already has a metric "http_requests_total" that health-server did not create',
    );
  });

  it('clears the HTTP series on registry.resetMetrics()', async () => {
    const health = makeHealth();
    const app = tradingApp(health);
    await request(app).get('/api/v1/orders/1');
    health.registry.resetMetrics();
    expect(samples(await health.registry.metrics(), 'http_requests_total')).toEqual([]);
  });

  it('records a request whose client went away before the response as status 499', async () => {
    const health = makeHealth();
    const app = express();
    app.use(health.metricsMiddleware());
    let abortedOnServer!: () => void;
    const gone = new Promise<void>((resolve) => {
      abortedOnServer = resolve;
    });
    app.get('/slow', (req, res) => {
      req.socket.once('close', () => {
        abortedOnServer();
        res.end();
      });
    });
    app.use(health.router());
    const url = await listen(createServer(app));
    const controller = new AbortController();
    const pending = fetch(`${url}/slow`, { signal: controller.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await pending).toBe('aborted');
    await gone;
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(samples(text, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="/slow",status_code="499"} 1',
    ]);
  });
});
