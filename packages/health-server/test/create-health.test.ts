import { createServer } from 'node:http';
import express from 'express';
import { Gauge } from 'prom-client';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checks, createHealth, HealthError } from '../src/index.js';
import { cleanup, makeHealth } from './helpers.js';

afterEach(cleanup);

describe('registering checks', () => {
  it('rejects a second check of the same name, in either kind', () => {
    const health = makeHealth();
    health.readiness('db', () => {});
    expect(() => health.liveness('db', () => {})).toThrow(
      'health.liveness(): a check named "db" is already registered; give each check its own name',
    );
  });

  it.each([
    ['', () => {}, 'check name must be 1-63 letters'],
    ['has space', () => {}, 'check name must be 1-63 letters'],
    ['db', 'not a check', 'check "db" must be an async function or a built-in check'],
    ['db', { run: 1 }, 'must be an async function or a built-in check'],
  ])('rejects name %j with check %j', (name, check, message) => {
    const health = makeHealth();
    expect(() => health.readiness(name, check as never)).toThrow(message);
    expect(() => health.readiness(name, check as never)).toThrow(HealthError);
  });

  it('rejects a bad measurement and a bad timeout', () => {
    const health = makeHealth();
    expect(() => health.readiness('db', () => {}, { measurement: 'a:b' })).toThrow(
      'measurement of "db" must be letters',
    );
    expect(() => health.readiness('db', () => {}, { timeoutMs: 0 })).toThrow(
      '"db.timeoutMs" must be a number from 1',
    );
  });

  it('keys a check by name and measurement, taking the options over the built-in defaults', async () => {
    const health = makeHealth();
    health.liveness('heap', checks.heapUsed());
    health.liveness('loop', checks.eventLoopDelay({ maxMs: 1000 }), {
      measurement: 'lag',
      componentType: 'runtime',
    });
    const body = await health.evaluate('liveness');
    expect(Object.keys(body.checks)).toEqual(['heap:utilization', 'loop:lag']);
    expect(body.checks['loop:lag']?.[0]?.componentType).toBe('runtime');
  });

  it('rejects a status provider that is not a function', () => {
    expect(() => makeHealth().status({} as never)).toThrow('health.status(): pass a function');
  });
});

describe('programmatic use', () => {
  it('evaluates a kind with details, reports the status and forgets cached results on clearCache()', async () => {
    const health = makeHealth();
    let calls = 0;
    health.readiness(
      'db',
      () => {
        calls++;
        return { status: 'warn', output: 'replica lag' };
      },
      { cacheMs: 60_000 },
    );
    expect((await health.evaluate('readiness')).checks['db:responseTime']?.[0]?.output).toBe(
      'replica lag',
    );
    await health.evaluate('readiness');
    expect(calls).toBe(1);
    health.clearCache();
    await health.evaluate('readiness');
    expect(calls).toBe(2);
    expect(await health.statusReport()).toMatchObject({
      status: 'warn',
      checks: { total: 1, warn: 1 },
    });
  });

  it('closes idempotently, releasing the resources of built-in checks', async () => {
    const health = makeHealth();
    const loop = checks.eventLoopDelay({ maxMs: 1000 });
    const close = vi.spyOn(loop, 'close');
    health.liveness('loop', loop);
    await Promise.all([health.close(), health.close()]);
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe('failures inside the endpoints', () => {
  it('answers 500 without details when a metric collector throws, and logs one redacted line', async () => {
    const errors: string[] = [];
    const health = makeHealth({
      logger: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
    });
    new Gauge({
      name: 'broken',
      help: 'A collector that throws.',
      registers: [health.registry],
      collect() {
        throw new Error('upstream said token=abcdef123\n    at collect (x.js:1:1)');
      },
    });
    const app = express();
    app.use(health.router());
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal error' });
    expect(errors).toEqual(['metrics endpoint failed: upstream said token=***']);
  });

  it('writes warnings to stderr when no logger is given', async () => {
    const health = createHealth({ service: 'n1v1', version: '1', releaseId: 'r' });
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    health.status(() => {
      throw new Error('provider broke');
    });
    await health.statusReport();
    expect(write).toHaveBeenCalledWith('health-server: status provider failed: provider broke\n');
    await health.close();
  });

  it('shuts down a server that never listened without waiting', async () => {
    const health = makeHealth();
    const report = await health
      .gracefulShutdown(createServer(), { delayMs: 0, signals: [], exit: false })
      .shutdown();
    expect(report).toMatchObject({ exitCode: 0, forced: false, hooks: [] });
  });
});
