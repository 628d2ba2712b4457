import { createServer } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyOf, cleanup, deferred, getStatus, listen, makeHealth, waitFor } from './helpers.js';

afterEach(cleanup);

async function serve(health: ReturnType<typeof makeHealth>): Promise<string> {
  const app = express();
  app.use(health.router());
  return listen(createServer(app));
}

describe('checks under concurrent requests', () => {
  it('runs each check once for a thousand simultaneous /ready requests', async () => {
    const health = makeHealth();
    const calls = { db: 0, exchange: 0 };
    const release = deferred();
    // No cache at all: one call can only come from sharing the in-flight run.
    const options = { timeoutMs: 20_000, cacheMs: 0 };
    health.readiness(
      'db',
      async () => {
        calls.db++;
        await release.promise;
      },
      options,
    );
    health.readiness(
      'exchange',
      async () => {
        calls.exchange++;
        await release.promise;
      },
      options,
    );
    const app = express();
    app.use(health.router());
    const server = createServer(app);
    let received = 0;
    server.on('request', () => received++);
    const url = await listen(server);
    const requests = Array.from({ length: 1000 }, () => getStatus(`${url}/ready`));
    await waitFor(() => received === 1000, 15_000);
    release.resolve();
    const statuses = await Promise.all(requests);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1000);
    expect(calls).toEqual({ db: 1, exchange: 1 });
  });

  it('reuses a result for cacheMs and runs the check again after it', async () => {
    const health = makeHealth();
    let calls = 0;
    health.readiness(
      'db',
      () => {
        calls++;
      },
      { cacheMs: 1000 },
    );
    const url = await serve(health);
    await fetch(`${url}/ready`);
    await fetch(`${url}/ready`);
    await fetch(`${url}/ready`);
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await fetch(`${url}/ready`);
    expect(calls).toBe(2);
  });

  it('fails a hung dependency as a timeout without hanging the endpoint, and aborts its signal', async () => {
    const health = makeHealth({ details: { trustedAddresses: ['127.0.0.1', '::1'] } });
    let aborted: unknown;
    health.readiness(
      'exchange',
      ({ signal }) =>
        new Promise<void>(() => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
          });
        }),
      { timeoutMs: 200, cacheMs: 0 },
    );
    const url = await serve(health);
    const started = performance.now();
    const res = await fetch(`${url}/ready`);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(503);
    const entry = (await bodyOf(res)).checks['exchange:responseTime'][0];
    expect(entry).toMatchObject({ status: 'fail', output: 'timed out after 200 ms' });
    expect(elapsed).toBeLessThan(5000);
    expect(aborted).toMatchObject({ code: 'E_CHECK_TIMEOUT' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('health_check_timeouts_total{check="exchange"} 1');
  });

  it('stops calling a dependency whose earlier calls still hang, and calls it again once they end', async () => {
    const health = makeHealth({ details: { trustedAddresses: ['127.0.0.1', '::1'] } });
    let calls = 0;
    const hang = deferred();
    let hanging = true;
    health.readiness(
      'exchange',
      async () => {
        calls++;
        if (hanging) await hang.promise;
      },
      { timeoutMs: 50, cacheMs: 0 },
    );
    const url = await serve(health);
    for (let i = 0; i < 5; i++) await fetch(`${url}/ready`);
    expect(calls).toBe(2);
    const refused = (await bodyOf(await fetch(`${url}/ready`))).checks['exchange:responseTime'][0];
    expect(refused.output).toBe('timed out: 2 earlier calls have not finished yet');
    hanging = false;
    hang.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(calls).toBe(3);
  });

  it('runs the checks of a round concurrently, not one after another', async () => {
    const health = makeHealth();
    let running = 0;
    let most = 0;
    for (const name of ['a', 'b', 'c', 'd']) {
      health.readiness(name, async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 50));
        running--;
      });
    }
    const url = await serve(health);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    expect(most).toBe(4);
  });

  it('reports a failing dependency in its check, its metrics and the status summary', async () => {
    const health = makeHealth({ details: { token: 'ops' } });
    health.readiness('db', () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')));
    health.liveness('loop', () => {});
    const url = await serve(health);
    const res = await fetch(`${url}/ready`, { headers: { authorization: 'Bearer ops' } });
    expect(res.status).toBe(503);
    expect((await bodyOf(res)).checks['db:responseTime'][0].output).toBe(
      'connect ECONNREFUSED 10.0.0.5:5432',
    );
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('health_check_status{check="db",kind="readiness"} 0');
    const status = await bodyOf(await fetch(`${url}/api/v1/status`));
    expect(status.checks).toEqual({ total: 2, pass: 1, warn: 0, fail: 1 });
  });
});
