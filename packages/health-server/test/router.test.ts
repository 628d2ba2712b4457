import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { checks } from '../src/index.js';
import { cleanup, makeHealth } from './helpers.js';

afterEach(cleanup);

function appWith(health: ReturnType<typeof makeHealth>) {
  const app = express();
  app.use(health.metricsMiddleware());
  app.use(health.router());
  app.get('/api/v1/orders/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  return app;
}

describe('GET /health', () => {
  it('keeps the headers an earlier middleware set, and its own win where both set one', async () => {
    const health = makeHealth();
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader('X-Request-Id', 'req-7');
      res.setHeader('Cache-Control', 'public, max-age=60');
      next();
    });
    app.use(health.router());
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-7');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
  });

  it('answers 200 with an IETF health+json body that is never cached', async () => {
    const health = makeHealth({ description: 'paper trading' });
    health.liveness('event-loop', checks.eventLoopDelay({ maxMs: 1000 }));
    const res = await request(appWith(health)).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/health+json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({
      status: 'pass',
      version: '1.4.2',
      releaseId: 'abc123',
      serviceId: 'n1v1',
      description: 'paper trading',
    });
    expect(Object.keys(body.checks)).toEqual(['event-loop:delay']);
    expect(body.checks['event-loop:delay'][0]).toMatchObject({
      status: 'pass',
      componentType: 'system',
    });
    expect(Date.parse(body.checks['event-loop:delay'][0].time)).not.toBeNaN();
  });

  it('answers 503 when a liveness check fails, and runs no readiness check', async () => {
    const health = makeHealth();
    let readinessCalls = 0;
    health.liveness('loop', () => ({ status: 'fail' }));
    health.readiness('db', () => {
      readinessCalls++;
    });
    const res = await request(appWith(health)).get('/health');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).status).toBe('fail');
    expect(readinessCalls).toBe(0);
  });

  it('answers 200 with status warn when a check warns', async () => {
    const health = makeHealth();
    health.liveness('queue', () => ({
      status: 'warn',
      observedValue: 90,
      observedUnit: 'percent',
    }));
    const res = await request(appWith(health)).get('/health');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).status).toBe('warn');
  });

  it('ignores a query string, a trailing slash and letter case', async () => {
    const app = appWith(makeHealth());
    for (const path of ['/health?verbose=1', '/health/', '/HEALTH', '/health/?x=y']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(JSON.parse(res.text).status, path).toBe('pass');
    }
  });
});

describe('methods on the contract routes', () => {
  it('answers HEAD on every route with the headers of GET and no body', async () => {
    const app = appWith(makeHealth());
    for (const path of ['/health', '/ready', '/metrics', '/api/v1/status']) {
      const get = await request(app).get(path);
      const head = await request(app).head(path);
      expect(head.status, path).toBe(get.status);
      expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
      expect(Number(head.headers['content-length']), path).toBeGreaterThan(0);
      expect(head.text ?? '', path).toBe('');
    }
  });

  it('answers 405 with an Allow header to any other method', async () => {
    const app = appWith(makeHealth());
    for (const path of ['/health', '/ready', '/metrics', '/api/v1/status']) {
      for (const method of ['post', 'put', 'delete', 'patch', 'options'] as const) {
        const res = await request(app)[method](path);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
      }
    }
  });

  it('leaves every other path to the application', async () => {
    const res = await request(appWith(makeHealth())).get('/api/v1/orders/42');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '42' });
  });
});

describe('GET /ready', () => {
  it('fails with 503 before the first passing round, then passes', async () => {
    const health = makeHealth();
    let up = false;
    health.readiness(
      'db',
      () => {
        if (!up) throw new Error('connection refused');
      },
      { cacheMs: 0 },
    );
    const app = appWith(health);
    const first = await request(app).get('/ready');
    expect(first.status).toBe(503);
    expect(JSON.parse(first.text)).toMatchObject({ status: 'fail', output: 'starting' });
    expect(health.state).toBe('starting');
    up = true;
    const second = await request(app).get('/ready');
    expect(second.status).toBe(200);
    expect(health.state).toBe('running');
  });

  it('stays 503 under manual startup until health.ready() is called', async () => {
    const health = makeHealth({ startup: 'manual' });
    const app = appWith(health);
    expect((await request(app).get('/ready')).status).toBe(503);
    health.ready();
    expect((await request(app).get('/ready')).status).toBe(200);
  });

  it('fails from the instant shutdown begins while /health stays 200', async () => {
    const health = makeHealth();
    const app = appWith(health);
    health.ready();
    expect((await request(app).get('/ready')).status).toBe(200);
    health.beginShutdown();
    const ready = await request(app).get('/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'fail', output: 'shutting down' });
    expect((await request(app).get('/health')).status).toBe(200);
    health.ready();
    expect(health.state).toBe('stopping');
  });

  it('fails when shutdown begins while its checks are running', async () => {
    const health = makeHealth();
    health.ready();
    health.readiness('slow', async () => {
      health.beginShutdown();
    });
    const res = await request(appWith(health)).get('/ready');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).output).toBe('shutting down');
  });

  it('warns but stays 200 when only a non-critical check fails', async () => {
    const health = makeHealth();
    health.readiness(
      'cache',
      () => {
        throw new Error('redis down');
      },
      { critical: false },
    );
    const res = await request(appWith(health)).get('/ready');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.status).toBe('warn');
    expect(body.checks['cache:responseTime'][0].status).toBe('fail');
  });
});

describe('failure details', () => {
  function failing(overrides = {}) {
    const health = makeHealth(overrides);
    health.readiness('db', () => {
      throw new Error('password authentication failed for postgres://app:hunter22@db:5432/n1v1');
    });
    return health;
  }

  it('shows anonymous callers statuses only', async () => {
    const res = await request(appWith(failing())).get('/ready');
    const entry = JSON.parse(res.text).checks['db:responseTime'][0];
    expect(entry.status).toBe('fail');
    expect(entry).not.toHaveProperty('output');
    expect(entry).not.toHaveProperty('observedValue');
  });

  it('shows the error text to a caller with the bearer token, secrets redacted', async () => {
    const app = appWith(failing({ details: { token: 's3cret-token' } }));
    const res = await request(app).get('/ready').set('Authorization', 'Bearer s3cret-token');
    const entry = JSON.parse(res.text).checks['db:responseTime'][0];
    expect(entry.output).toContain('password authentication failed');
    expect(entry.output).not.toContain('hunter22');
    expect(res.text).not.toContain('hunter22');
    const wrong = await request(app).get('/ready').set('Authorization', 'Bearer nope');
    expect(JSON.parse(wrong.text).checks['db:responseTime'][0]).not.toHaveProperty('output');
  });

  it('shows details to callers from a trusted address when configured', async () => {
    const res = await request(
      appWith(failing({ details: { trustedAddresses: ['127.0.0.1', '::1'] } })),
    ).get('/ready');
    expect(JSON.parse(res.text).checks['db:responseTime'][0].output).toMatch(
      /^password authentication failed/,
    );
  });

  it('never shows a stack trace, even to allowed callers', async () => {
    const health = makeHealth({ details: { trustedAddresses: ['127.0.0.1', '::1'] } });
    health.readiness('db', () => {
      const error = new Error('first line\n    at Object.<anonymous> (/srv/app/db.js:1:1)');
      throw error;
    });
    const res = await request(appWith(health)).get('/ready');
    expect(res.text).not.toContain(' at ');
    expect(res.text).not.toContain('db.js');
    expect(JSON.parse(res.text).checks['db:responseTime'][0].output).toBe('first line');
  });

  it('redacts configured secrets and secret-looking environment values from check output', async () => {
    process.env.N1V1_TEST_API_TOKEN = 'env-token-0123456789';
    try {
      const health = makeHealth({
        details: { trustedAddresses: ['127.0.0.1', '::1'] },
        secrets: ['exchange-key-42'],
      });
      health.readiness('exchange', () => ({
        status: 'warn',
        output: 'slow with key exchange-key-42 and env-token-0123456789',
      }));
      const res = await request(appWith(health)).get('/ready');
      expect(res.text).not.toContain('exchange-key-42');
      expect(res.text).not.toContain('env-token-0123456789');
      expect(JSON.parse(res.text).checks['exchange:responseTime'][0].output).toBe(
        'slow with key *** and ***',
      );
    } finally {
      delete process.env.N1V1_TEST_API_TOKEN;
    }
  });
});

describe('GET /api/v1/status', () => {
  it('reports identity, uptime, aggregate status, check counts and the trading block', async () => {
    const health = makeHealth({ environment: 'staging' });
    health.liveness('loop', () => {});
    health.readiness('exchange', () => ({ status: 'warn' }));
    health.readiness(
      'db',
      () => {
        throw new Error('down');
      },
      { critical: false },
    );
    health.status(() => ({
      trading: { mode: 'paper', enabled: true, marketDataAgeMs: 120 },
      service: 'spoofed',
    }));
    const res = await request(appWith(health)).get('/api/v1/status');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({
      service: 'n1v1',
      version: '1.4.2',
      releaseId: 'abc123',
      environment: 'staging',
      status: 'warn',
      state: 'starting',
      checks: { total: 3, pass: 1, warn: 1, fail: 1 },
      trading: { mode: 'paper', enabled: true, marketDataAgeMs: 120 },
    });
    expect(typeof res.body.uptimeSec).toBe('number');
  });

  it('answers without the provider fields when the provider throws or hangs', async () => {
    const health = makeHealth({ statusTimeoutMs: 50 });
    health.status(() => {
      throw new Error('broken');
    });
    const app = appWith(health);
    const thrown = await request(app).get('/api/v1/status');
    expect(thrown.status).toBe(200);
    expect(thrown.body).not.toHaveProperty('trading');
    health.status(() => new Promise(() => {}));
    const hung = await request(app).get('/api/v1/status');
    expect(hung.status).toBe(200);
    expect(hung.body.service).toBe('n1v1');
  });
});

describe('mounting', () => {
  it('serves the routes under a mount path and at custom paths', async () => {
    const health = makeHealth({ paths: { health: '/livez', ready: '/readyz' } });
    const app = express();
    app.use('/ops', health.router());
    expect((await request(app).get('/ops/livez')).status).toBe(200);
    expect((await request(app).get('/ops/readyz')).status).toBe(200);
    expect((await request(app).get('/ops/metrics')).status).toBe(200);
    expect((await request(app).get('/health')).status).toBe(404);
  });
});
