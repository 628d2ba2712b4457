import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CheckDefinition, checks } from '../src/index.js';
import { cleanup, listen } from './helpers.js';

afterEach(cleanup);

const run = (check: CheckDefinition, signal = new AbortController().signal) =>
  Promise.resolve(check.run({ signal }));

/** A port nothing listens on: bound, read, and released again. */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('checks.tcp', () => {
  it('passes when the port accepts a connection and reports the connect time in ms', async () => {
    const url = new URL(await listen(createServer()));
    const outcome = await run(checks.tcp({ host: '127.0.0.1', port: Number(url.port) }));
    expect(outcome).toMatchObject({ observedUnit: 'ms' });
    expect(typeof outcome?.observedValue).toBe('number');
  });

  it('warns when connecting takes longer than warnMs', async () => {
    const url = new URL(await listen(createServer()));
    const outcome = await run(checks.tcp({ host: '127.0.0.1', port: Number(url.port), warnMs: 0 }));
    expect(outcome?.status).toBe('warn');
  });

  it('fails with E_TARGET_UNREACHABLE when the connection is refused', async () => {
    const port = await freePort();
    await expect(run(checks.tcp({ host: '127.0.0.1', port }))).rejects.toMatchObject({
      code: 'E_TARGET_UNREACHABLE',
      message: `cannot connect to 127.0.0.1:${port}: ECONNREFUSED`,
    });
  });

  it('stops connecting when its signal aborts', async () => {
    const controller = new AbortController();
    // 10.255.255.1 is unroutable: the connect would hang without the abort.
    const pending = run(checks.tcp({ host: '10.255.255.1', port: 9 }), controller.signal);
    controller.abort(new Error('timed out'));
    await expect(pending).rejects.toThrow(/timed out|EHOSTUNREACH|ENETUNREACH/);
  });

  it('rejects a bad port at registration', () => {
    expect(() => checks.tcp({ host: 'db', port: 0 })).toThrow(
      'checks.tcp(): "port" must be a number from 1 to 65535 (got 0)',
    );
    expect(() => checks.tcp({ host: 'db', port: 1.5 })).toThrow(/integer/);
    expect(() => checks.tcp({ host: '', port: 5432 })).toThrow(/"host" must be a non-empty string/);
  });
});

describe('checks.http', () => {
  async function target(status: number, body = 'ok') {
    const seen: Array<string | undefined> = [];
    const url = await listen(
      createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.statusCode = status;
        res.end(body);
      }),
    );
    return { url, seen };
  }

  it('passes on a 2xx answer and reports the response time', async () => {
    const { url } = await target(200);
    expect(await run(checks.http({ url: `${url}/health` }))).toMatchObject({ observedUnit: 'ms' });
  });

  it('fails with the status when the answer is not expected', async () => {
    const { url } = await target(503);
    await expect(run(checks.http({ url: `${url}/health?token=abc` }))).rejects.toMatchObject({
      code: 'E_UNEXPECTED_RESPONSE',
      message: `${url}/health answered 503`,
    });
    expect(await run(checks.http({ url, expectStatus: [503] }))).toBeDefined();
    expect(await run(checks.http({ url, expectStatus: (s) => s > 500 }))).toBeDefined();
  });

  it('judges the body with a predicate', async () => {
    const { url } = await target(200, '{"status":"degraded"}');
    await expect(run(checks.http({ url, body: (text) => text.includes('"ok"') }))).rejects.toThrow(
      'with a body the check rejected',
    );
    expect(
      await run(checks.http({ url, body: (text) => text.includes('degraded') })),
    ).toBeDefined();
  });

  it('sends URL credentials as basic auth and never shows them', async () => {
    const { url, seen } = await target(500);
    const withCredentials = url.replace('http://', 'http://svc:pa55word@');
    const error = await run(checks.http({ url: withCredentials })).catch((e: Error) => e);
    expect(seen).toEqual([`Basic ${Buffer.from('svc:pa55word').toString('base64')}`]);
    expect((error as Error).message).not.toContain('pa55word');
  });

  it('fails with E_TARGET_UNREACHABLE when nothing listens', async () => {
    const port = await freePort();
    await expect(run(checks.http({ url: `http://127.0.0.1:${port}/` }))).rejects.toMatchObject({
      code: 'E_TARGET_UNREACHABLE',
      message: `cannot reach http://127.0.0.1:${port}/: ECONNREFUSED`,
    });
  });

  it('gives up when its signal aborts on a server that never answers', async () => {
    const url = await listen(createServer(() => {}));
    const controller = new AbortController();
    const pending = run(checks.http({ url }), controller.signal);
    setTimeout(() => controller.abort(new Error('timed out after 100 ms')), 100);
    await expect(pending).rejects.toThrow('timed out after 100 ms');
  });

  it('rejects a bad URL or status list at registration', () => {
    expect(() => checks.http({ url: 'ftp://x' })).toThrow(
      'checks.http(): "url" must be an http(s) URL',
    );
    expect(() => checks.http({ url: 'not a url' })).toThrow(/must be an http\(s\) URL/);
    expect(() => checks.http({ url: 'http://x', expectStatus: [] })).toThrow(/"expectStatus"/);
  });
});
