import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, makeHealth } from './helpers.js';

afterEach(cleanup);

async function serve(health: ReturnType<typeof makeHealth>): Promise<string> {
  const server = await health.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function failingDb(overrides: Parameters<typeof makeHealth>[0] = {}) {
  const health = makeHealth(overrides);
  health.readiness('db', () => {
    throw new Error('password authentication failed for user "app"');
  });
  return health;
}

async function outputOf(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const body = (await (await fetch(`${url}/ready`, { headers })).json()) as {
    checks: Record<string, Array<{ output?: string }>>;
  };
  return body.checks['db:responseTime']![0]!.output;
}

describe('who sees details', () => {
  it('shows a loopback caller no details by default: behind a same-host proxy every caller is loopback', async () => {
    const url = await serve(failingDb({ details: { token: 'details-token-1' } }));
    expect(await outputOf(url)).toBeUndefined();
    expect(await outputOf(url, { 'x-forwarded-for': '127.0.0.1' })).toBeUndefined();
    expect(await outputOf(url, { authorization: 'Bearer details-token-1' })).toMatch(
      /^password authentication failed/,
    );
  });

  it('shows details to connections from trusted addresses and ranges only, never by a header', async () => {
    const loopback = await serve(failingDb({ details: { trustedAddresses: ['127.0.0.0/8'] } }));
    expect(await outputOf(loopback)).toMatch(/^password authentication failed/);
    const elsewhere = await serve(
      failingDb({ details: { trustedAddresses: ['10.0.0.0/8', 'fd00::/8'] } }),
    );
    expect(
      await outputOf(elsewhere, { 'x-forwarded-for': '10.1.2.3', 'x-real-ip': '10.1.2.3' }),
    ).toBeUndefined();
  });

  it.each([
    [
      { loopback: true },
      /"details.loopback" was removed: behind a same-host proxy or sidecar every caller is loopback/,
    ],
    [
      { trustedAddresses: ['localhost'] },
      /"localhost" is not an IP address or CIDR range such as "10.0.0.0\/8"/,
    ],
    [{ trustedAddresses: ['10.0.0.0/33'] }, /"10.0.0.0\/33" is not an IP address or CIDR range/],
    [{ trustedAddresses: '127.0.0.1' }, /"details.trustedAddresses" must be an array/],
  ])('refuses the details option %j at creation', (details, message) => {
    expect(() => makeHealth({ details: details as never })).toThrow(message);
  });
});

describe('a flood of /metrics', () => {
  it('renders once per cache window however many scrapes arrive, and /health keeps answering', async () => {
    const health = makeHealth({ metrics: { cacheMs: 60_000 } });
    const render = vi.spyOn(health.registry, 'getMetricsAsJSON');
    const url = await serve(health);
    const scrapes = Array.from({ length: 200 }, (_, i) =>
      fetch(`${url}/metrics?bust=${i}`).then((res) => res.status),
    );
    const healthStatus = (await fetch(`${url}/health`)).status;
    expect(await Promise.all(scrapes)).toEqual(Array(200).fill(200));
    expect(healthStatus).toBe(200);
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('answers 429 beyond maxConcurrent scrapes in flight, and serves again once they ended', async () => {
    const health = makeHealth({ metrics: { cacheMs: 0, maxConcurrent: 1 } });
    const real = health.registry.getMetricsAsJSON.bind(health.registry);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(health.registry, 'getMetricsAsJSON').mockImplementationOnce(async () => {
      await held;
      return real();
    });
    const url = await serve(health);
    const first = fetch(`${url}/metrics`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await fetch(`${url}/metrics`);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
  });

  it('renders every scrape with cacheMs 0, and renders again after a failed rendering', async () => {
    const health = makeHealth({ metrics: { cacheMs: 0 } });
    const render = vi.spyOn(health.registry, 'getMetricsAsJSON');
    const url = await serve(health);
    render.mockRejectedValueOnce(new Error('collector broke'));
    expect((await fetch(`${url}/metrics`)).status).toBe(500);
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    expect(render).toHaveBeenCalledTimes(3);
  });
});
