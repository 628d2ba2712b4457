import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../src/http/http-client.js';
import { Fixtures, selfSignedCertificate } from './helpers/fixtures.js';

const fixtures = new Fixtures();
let clients: HttpClient[] = [];
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await fixtures.closeAll();
});

function client(
  url: string,
  options: Partial<Parameters<typeof createHttpClient>[0]> = {},
): HttpClient {
  const made = createHttpClient({
    base: new URL(url),
    timeoutMs: 2000,
    maxBodyBytes: 1024 * 1024,
    headers: {},
    ...options,
  });
  clients.push(made);
  return made;
}

describe('the HTTP client', () => {
  it('follows redirects and reports where the answer came from', async () => {
    const url = await fixtures.http((req, res) => {
      if (req.url === '/health') return res.writeHead(301, { location: '/healthz' }).end();
      res.writeHead(200).end(`at ${req.url}`);
    });
    const answer = await client(url).request({ path: '/health' });
    expect(answer).toMatchObject({ ok: true, status: 200, url: `${url}/healthz`, redirects: 1 });
    expect(answer.ok && answer.body.toString()).toBe('at /healthz');
  });

  it('does not follow a redirect to another origin by default: the other host is never asked', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const other = await fixtures.http((req, res) => {
      seen.push(req.headers);
      res.writeHead(200).end('{"status":"pass"}');
    });
    const url = await fixtures.http((_req, res) =>
      res.writeHead(301, { location: `${other}/health` }).end(),
    );
    const answer = await client(url, { headers: { 'X-Api-Key': 'k-1234567890' } }).request({
      path: '/health',
    });
    expect(answer).toMatchObject({
      ok: false,
      reason: `HTTP 301 redirects to another origin (${other}); only redirects within ${url} are followed`,
    });
    expect(seen).toEqual([]);
  });

  it('sends no configured header or credential to another origin, even when cross-origin redirects are allowed', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const other = await fixtures.http((req, res) => {
      seen.push(req.headers);
      res.writeHead(200).end('ok');
    });
    const url = await fixtures.http((req, res) => {
      seen.push(req.headers);
      res.writeHead(307, { location: `http://user:pw@${new URL(other).host}/landing` }).end();
    });
    const answer = await client(url, {
      allowCrossOriginRedirects: true,
      headers: {
        Authorization: 'Basic dXNlcjpwYXNz',
        'X-Api-Key': 'k-1234567890',
        'X-Team': 'ops',
      },
    }).request({ path: '/go', headers: { Cookie: 'session=abc' } });
    expect(answer.ok).toBe(true);
    expect(seen[0]).toMatchObject({
      authorization: 'Basic dXNlcjpwYXNz',
      'x-api-key': 'k-1234567890',
    });
    for (const name of ['authorization', 'x-api-key', 'x-team', 'cookie']) {
      expect(seen[1]![name], name).toBeUndefined();
    }
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://[fe80::1]/x',
    'http://[::ffff:169.254.169.254]/x',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('never follows a redirect to the link-local or metadata address %s', async (location) => {
    const url = await fixtures.http((_req, res) => res.writeHead(302, { location }).end());
    const answer = await client(url, { allowCrossOriginRedirects: true }).request({ path: '/' });
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.reason).toMatch(
      /a link-local or cloud-metadata address; never followed$/,
    );
  });

  it('never follows a redirect to a host name that resolves to the metadata address', async () => {
    const url = await fixtures.http((_req, res) =>
      res.writeHead(302, { location: 'http://innocent.example/x' }).end(),
    );
    const lookup = ((_host: string, options: unknown, callback: unknown) => {
      const cb = (typeof options === 'function' ? options : callback) as (
        e: Error | null,
        a: unknown,
        f?: number,
      ) => void;
      const all = typeof options === 'object' && (options as { all?: boolean }).all;
      if (all) cb(null, [{ address: '169.254.169.254', family: 4 }]);
      else cb(null, '169.254.169.254', 4);
    }) as never;
    const answer = await client(url, { allowCrossOriginRedirects: true, lookup }).request({
      path: '/',
    });
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.reason).toMatch(/innocent.example resolves to 169.254.169.254/);
  });

  it('turns a POST into a GET without a body after a 303', async () => {
    const seen: string[] = [];
    const url = await fixtures.http((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-length'] ?? '-'}`);
      if (req.url === '/orders/validate') return res.writeHead(303, { location: '/result' }).end();
      res.writeHead(200).end('done');
    });
    const answer = await client(url).request({
      method: 'POST',
      path: '/orders/validate',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.ok && answer.status).toBe(200);
    expect(seen).toEqual(['POST /orders/validate 7', 'GET /result -']);
  });

  it('keeps the method and body on a 307', async () => {
    const seen: string[] = [];
    const url = await fixtures.http((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${body}`);
        if (req.url === '/a') return res.writeHead(307, { location: '/b' }).end();
        res.writeHead(200).end();
      });
    });
    await client(url).request({ method: 'PUT', path: '/a', body: 'x=1' });
    expect(seen).toEqual(['PUT /a x=1', 'PUT /b x=1']);
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    const url = await fixtures.http((_req, res) =>
      res.writeHead(302, { location: 'ftp://files.test/x' }).end(),
    );
    expect(await client(url).request({ path: '/' })).toMatchObject({
      ok: false,
      reason: 'HTTP 302 redirects to a non-HTTP URL (ftp:)',
    });
  });

  it('follows a redirect from https to http with the right agent', async () => {
    const plain = await fixtures.http((_req, res) => res.writeHead(200).end('plain'));
    const secure = await fixtures.https(
      (_req, res) => res.writeHead(302, { location: `${plain}/x` }).end(),
      selfSignedCertificate(),
    );
    const answer = await client(secure, {
      insecure: true,
      allowCrossOriginRedirects: true,
    }).request({
      path: '/',
    });
    expect(answer.ok && answer.body.toString()).toBe('plain');
  });

  it('does not hold the announced length of a HEAD answer against the body cap', async () => {
    const url = await fixtures.http((_req, res) =>
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).end(),
    );
    expect(await client(url).request({ method: 'HEAD', path: '/' })).toMatchObject({
      ok: true,
      status: 200,
    });
  });

  it('reports a header it cannot send instead of throwing', async () => {
    const url = await fixtures.http((_req, res) => res.end());
    const answer = await client(url, { headers: { 'x-bad': 'line\nbreak' } }).request({
      path: '/',
    });
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.reason).toMatch(
      /^request not sent: Invalid character in header content/,
    );
  });

  it('reuses kept-alive connections across requests', async () => {
    const sockets = new Set<unknown>();
    const url = await fixtures.http((req, res) => {
      sockets.add(req.socket);
      res.end('ok');
    });
    const c = client(url);
    for (let i = 0; i < 5; i++) await c.request({ path: '/' });
    expect(sockets.size).toBe(1);
  });

  it('retries once when the server closed a kept-alive connection as it was reused', async () => {
    let requests = 0;
    const url = await fixtures.http((req, res) => {
      requests++;
      // The first answer keeps the socket; the second request on it finds it reset.
      if (requests === 2) return req.socket.resetAndDestroy();
      res.end('ok');
    });
    const c = client(url);
    expect((await c.request({ path: '/' })).ok).toBe(true);
    const second = await c.request({ path: '/' });
    expect(second.ok).toBe(true);
    expect(requests).toBe(3);
  });
});
