import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthError } from '../src/index.js';
import { bodyOf, cleanup, getStatus, listen, makeHealth } from './helpers.js';

afterEach(cleanup);

describe('the node:http handler', () => {
  it('serves the contract routes in a service without express and leaves other paths to it', async () => {
    const health = makeHealth();
    health.readiness('db', () => {});
    const server = createServer((req, res) => {
      if (health.handle(req, res)) return;
      res.statusCode = 200;
      res.end('own route');
    });
    const url = await listen(server);
    const ready = await fetch(`${url}/ready/?probe=k8s`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toBe('application/health+json; charset=utf-8');
    expect((await bodyOf(ready)).checks['db:responseTime'][0].status).toBe('pass');
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/status`)).status).toBe(200);
    const head = await fetch(`${url}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${url}/health`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await (await fetch(`${url}/orders`)).text()).toBe('own route');
  });

  it('answers 404 for other paths with the complete request listener', async () => {
    const url = await listen(createServer(makeHealth().requestListener()));
    const res = await fetch(`${url}/nope`);
    expect(res.status).toBe(404);
    expect(await bodyOf(res)).toEqual({ error: 'not found' });
  });

  it('records HTTP metrics of an instrumented listener by the route it resolves', async () => {
    const health = makeHealth();
    const listener = health.instrument(
      (req, res) => {
        if (health.handle(req, res)) return;
        res.statusCode = req.url?.startsWith('/orders/') ? 200 : 404;
        res.end();
      },
      { route: (req) => (req.url?.startsWith('/orders/') ? '/orders/:id' : undefined) },
    );
    const url = await listen(createServer(listener));
    await getStatus(`${url}/orders/1`);
    await getStatus(`${url}/orders/2`);
    await getStatus(`${url}/elsewhere`);
    await getStatus(`${url}/health`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(
      text
        .split('\n')
        .filter((line) => line.startsWith('http_requests_total{'))
        .sort(),
    ).toEqual([
      'http_requests_total{method="GET",route="/orders/:id",status_code="200"} 2',
      'http_requests_total{method="GET",route="<unmatched>",status_code="404"} 1',
    ]);
  });
});

describe('health.listen()', () => {
  it('serves the routes on a separate management port', async () => {
    const health = makeHealth();
    const server = await health.listen(0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    expect(await getStatus(`http://127.0.0.1:${port}/health`)).toBe(200);
    expect(await getStatus(`http://127.0.0.1:${port}/elsewhere`)).toBe(404);
    await health.close();
    expect(server.listening).toBe(false);
  });

  it('rejects with a one-line HealthError when the port is taken', async () => {
    const health = makeHealth();
    const taken = await health.listen(0, '127.0.0.1');
    const { port } = taken.address() as { port: number };
    const error = await health.listen(port, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthError);
    expect(error).toMatchObject({ code: 'E_CONFIG_INVALID' });
    expect((error as Error).message).toMatch(
      /^health\.listen\(\): cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/,
    );
  });

  it('rejects an impossible port number the same way', async () => {
    const error = await makeHealth()
      .listen(70_000)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_CONFIG_INVALID' });
  });
});
