import { afterEach, describe, expect, it } from 'vitest';
import { type RunningService, startExampleService } from '../src/index.js';
import { type SameHostProxy, startSameHostProxy } from './helpers/haproxy.js';

const started: Array<RunningService | SameHostProxy> = [];
afterEach(async () => {
  for (const item of started.splice(0).reverse())
    await ('stop' in item ? item.stop() : item.close());
});

async function behindProxy(options: Parameters<typeof startExampleService>[0] = {}) {
  const service = await startExampleService({ port: 0, log: () => {}, ...options });
  started.push(service);
  const proxy = await startSameHostProxy(service.port);
  started.push(proxy);
  return { service, proxy };
}

const json = { 'content-type': 'application/json' };

describe('the example service behind a same-host proxy (every caller is 127.0.0.1)', () => {
  it('shows an anonymous caller no error text of a failing check, whatever X-Forwarded-For says', async () => {
    const { proxy } = await behindProxy({ exchange: 'fail', detailsToken: 'details-token-77' });
    for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }] as Array<
      Record<string, string>
    >) {
      const ready = await proxy.send('GET', '/ready', headers);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body).checks['exchange:responseTime'][0]).not.toHaveProperty(
        'output',
      );
      expect(ready.body).not.toContain('unreachable');
    }
    const allowed = await proxy.send('GET', '/ready', { authorization: 'Bearer details-token-77' });
    expect(JSON.parse(allowed.body).checks['exchange:responseTime'][0].output).toMatch(
      /unreachable/,
    );
  });

  it('refuses an anonymous POST /admin/faults, so every trade keeps working', async () => {
    const { proxy } = await behindProxy({ adminToken: 'admin-token-77' });
    const post = await proxy.send('POST', '/admin/faults', json, '{"errorRate":1}');
    expect(post.status).toBe(401);
    expect(JSON.parse(post.body).error).toBe(
      'the admin routes need "Authorization: Bearer <N1V1_ADMIN_TOKEN>"',
    );
    const wrong = await proxy.send(
      'POST',
      '/admin/faults',
      { ...json, authorization: 'Bearer nope' },
      '{"errorRate":1}',
    );
    expect(wrong.status).toBe(401);
    for (let i = 0; i < 20; i++)
      expect((await proxy.send('GET', '/api/v1/ticker/BTC-USD')).status).toBe(200);
    const admin = { ...json, authorization: 'Bearer admin-token-77' };
    expect((await proxy.send('POST', '/admin/faults', admin, '{"errorRate":1}')).status).toBe(200);
    expect((await proxy.send('GET', '/api/v1/ticker/BTC-USD')).status).toBe(500);
  });

  it('keeps the admin routes off without a token, even for a caller on this machine', async () => {
    const service = await startExampleService({ port: 0, log: () => {} });
    started.push(service);
    const res = await fetch(`${service.url}/admin/faults`, {
      method: 'POST',
      headers: json,
      body: '{"errorRate":1}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /admin routes are off; start the service with N1V1_ADMIN_TOKEN/,
    );
    expect((await fetch(`${service.url}/api/v1/ticker/BTC-USD`)).status).toBe(200);
  });
});
