import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke, SmokeError } from '../src/index.js';
import { Fixtures } from './helpers/fixtures.js';
import { expectValidReport } from './helpers/report-schema.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

type Route = { status: number; body: string; type?: string };

/** A service that answers only the given paths (404 for the rest) and counts the requests. */
async function service(routes: Record<string, Route>) {
  const seen: string[] = [];
  const url = await fixtures.http((req, res) => {
    seen.push(String(req.url));
    const route = routes[String(req.url)];
    if (!route) return res.writeHead(404).end('not found');
    res
      .writeHead(route.status, { 'content-type': route.type ?? 'application/json' })
      .end(route.body);
  });
  return { url, seen };
}

const byName = (report: Awaited<ReturnType<typeof runSmoke>>, name: string) =>
  report.checks.find((c) => c.name === name)!;

describe('the generic profile', () => {
  it('passes any 2xx health and readiness, JSON or not, and skips what the service does not have', async () => {
    const { url } = await service({
      '/health': { status: 200, body: 'OK', type: 'text/plain' },
      '/ready': {
        status: 200,
        body: JSON.stringify({ status: 'ok', info: { db: { status: 'up' } } }),
      },
    });
    const report = await runSmoke({ url, profile: 'generic' });
    expectValidReport(report);
    expect(report).toMatchObject({ status: 'pass', profile: 'generic' });
    expect(byName(report, 'health')).toMatchObject({
      status: 'pass',
      details: { httpStatus: 200 },
    });
    expect(byName(report, 'ready')).toMatchObject({ status: 'pass', details: { status: 'ok' } });
    expect(byName(report, 'status')).toMatchObject({
      status: 'skip',
      error: 'not part of the generic profile',
    });
    expect(byName(report, 'resources')).toMatchObject({ status: 'skip' });
  });

  it("fails a 503 readiness with the service's own detail", async () => {
    const { url } = await service({
      '/health': { status: 200, body: '{"status":"ok"}' },
      '/ready': { status: 503, body: JSON.stringify({ status: 'error', error: { db: 'down' } }) },
    });
    const report = await runSmoke({ url, profile: 'generic' });
    expect(report.status).toBe('fail');
    expect(byName(report, 'ready').error).toBe(
      'GET /ready: expected 2xx, got HTTP 503 with status "error": {"db":"down"}',
    );
  });

  it('names the DOWN components of a Spring body and the text of a non-JSON failure', async () => {
    const { url } = await service({
      '/actuator/health/liveness': { status: 200, body: '{"status":"UP"}' },
      '/actuator/health/readiness': {
        status: 503,
        body: JSON.stringify({
          status: 'DOWN',
          components: { db: { status: 'DOWN' }, ping: { status: 'UP' } },
        }),
      },
      '/health': { status: 500, body: 'database unreachable', type: 'text/plain' },
    });
    const spring = await runSmoke({ url, profile: 'spring' });
    expect(byName(spring, 'health').status).toBe('pass');
    expect(byName(spring, 'ready').error).toBe(
      'GET /actuator/health/readiness: expected 2xx, got HTTP 503 with status "DOWN": down: db',
    );
    const generic = await runSmoke({ url, config: { profile: 'generic', skip: ['ready'] } });
    expect(byName(generic, 'health').error).toBe(
      'GET /health: expected 2xx, got HTTP 500: "database unreachable"',
    );
  });
});

describe('profiles and paths', () => {
  it('read /livez and /readyz for kubernetes, and paths from options over the config', async () => {
    const { url, seen } = await service({
      '/livez': { status: 200, body: 'ok', type: 'text/plain' },
      '/readyz': { status: 200, body: 'ok', type: 'text/plain' },
      '/-/healthy': { status: 200, body: 'Prometheus Server is Healthy.', type: 'text/plain' },
      '/-/ready': { status: 200, body: 'Prometheus Server is Ready.', type: 'text/plain' },
    });
    expect((await runSmoke({ url, profile: 'kubernetes' })).status).toBe('pass');
    expect(seen).toEqual(expect.arrayContaining(['/livez', '/readyz']));
    const report = await runSmoke({
      url,
      config: { profile: 'generic', health: { path: '/nope' }, ready: { path: '/-/ready' } },
      paths: { health: '/-/healthy' },
    });
    expect(report.status).toBe('pass');
    expect(seen).not.toContain('/nope');
  });

  it('wait on the health path the run checks, not on /health', async () => {
    let calls = 0;
    const url = await fixtures.http((req, res) => {
      if (req.url !== '/-/healthy') return res.writeHead(404).end();
      calls++;
      // Unhealthy twice, then healthy: the wait must poll this path to get there.
      res.writeHead(calls > 2 ? 200 : 503).end('Prometheus Server is Healthy.');
    });
    const report = await runSmoke({
      url,
      profile: 'generic',
      paths: { health: '/-/healthy', ready: '/-/healthy' },
      waitMs: 20_000,
    });
    expect(report.status).toBe('pass');
    expect(report.waitedMs).toBeGreaterThan(0);
  });

  it('keep the strict N1V1 contract as the default', async () => {
    const { url } = await service({
      '/health': { status: 200, body: 'OK', type: 'text/plain' },
      '/ready': { status: 200, body: 'OK', type: 'text/plain' },
    });
    const report = await runSmoke({ url });
    expect(report.profile).toBe('n1v1');
    expect(byName(report, 'health').error).toMatch(
      /^GET \/health: expected JSON, got invalid JSON/,
    );
    expect(byName(report, 'status').status).toBe('fail');
  });

  it('refuse an unknown profile and a path that is not one', async () => {
    await expect(
      runSmoke({ url: 'http://127.0.0.1:1', profile: 'nope' as 'generic' }),
    ).rejects.toThrow(/profile "nope" is not known; use one of n1v1, generic, kubernetes, spring/);
    await expect(
      runSmoke({ url: 'http://127.0.0.1:1', paths: { ready: 'ready' } }),
    ).rejects.toBeInstanceOf(SmokeError);
  });
});

describe('a custom check named like a built-in', () => {
  it("replaces it: the service's own ready check, with its own expectations", async () => {
    const { url, seen } = await service({
      '/health': { status: 200, body: '{"status":"ok"}' },
      '/healthz/ready': { status: 200, body: JSON.stringify({ ready: true, queue: 3 }) },
    });
    const report = await runSmoke({
      url,
      profile: 'generic',
      config: {
        checks: [
          {
            name: 'ready',
            path: '/healthz/ready',
            expectJson: [
              { path: 'ready', equals: true },
              { path: 'queue', lt: 10 },
            ],
          },
        ],
      },
    });
    expectValidReport(report);
    expect(report.status).toBe('pass');
    expect(report.checks.filter((c) => c.name === 'ready')).toHaveLength(1);
    expect(seen).not.toContain('/ready');
  });

  it('may not be named load, nor twice the same', async () => {
    const url = 'http://127.0.0.1:1';
    await expect(
      runSmoke({ url, config: { checks: [{ name: 'load', path: '/x' }] } }),
    ).rejects.toThrow(/"checks\[0\]\.name" is "load", the name of the load check/);
    await expect(
      runSmoke({
        url,
        config: {
          checks: [
            { name: 'ready', path: '/a' },
            { name: 'ready', path: '/b' },
          ],
        },
      }),
    ).rejects.toThrow(/"checks\[1\]\.name" is "ready", the name of an earlier check/);
  });
});
