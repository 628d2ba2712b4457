import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke, type SmokeReport } from '../src/index.js';
import { Fixtures, selfSignedCertificate } from './helpers/fixtures.js';
import { expectValidReport } from './helpers/report-schema.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

/** The health check of a run against `url`, after asserting the report is valid and failed. */
async function healthOf(url: string, options: Parameters<typeof runSmoke>[0] | object = {}) {
  const report = await runSmoke({ url, timeoutMs: 1500, ...options });
  expectValidReport(report);
  expect(report.status).toBe('fail');
  const health = report.checks.find((c) => c.name === 'health')!;
  expect(health.status).toBe('fail');
  expect(health.error).not.toMatch(/\n| {4}at /);
  return { health, report };
}

function failedNames(report: SmokeReport): string[] {
  return report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
}

describe('a target that misbehaves is a failed check with a one-line reason', () => {
  it('reports a refused connection for every check that needs the service', async () => {
    const url = await fixtures.refusedUrl();
    const { health, report } = await healthOf(url);
    expect(health.error).toMatch(
      /^GET \/health: connection refused by 127\.0\.0\.1:\d+ \(is the service running\?\)$/,
    );
    expect(failedNames(report)).toEqual(['health', 'ready', 'status', 'trading', 'resources']);
  });

  it('reports a host name that does not resolve', async () => {
    const lookup = await fixtures.nxdomainLookup();
    const { health } = await healthOf('http://service.example.invalid:8000', { lookup });
    expect(health.error).toBe(
      'GET /health: DNS lookup of "service.example.invalid" failed (ENOTFOUND): check the host name',
    );
  });

  it('gives up on a server that accepts the connection and never answers', async () => {
    const url = await fixtures.tcp(() => undefined);
    const { health } = await healthOf(url, { timeoutMs: 300 });
    expect(health.error).toMatch(
      /^GET \/health: no answer from 127\.0\.0\.1:\d+ within 300 ms \(connected, no response headers\)$/,
    );
  });

  it('gives up on a body that stalls after the headers', async () => {
    const url = await fixtures.http((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"status":');
    });
    const { health } = await healthOf(url, { timeoutMs: 300 });
    expect(health.error).toBe(
      'GET /health: HTTP 200 headers arrived, then the body stalled: 10 B read within 300 ms',
    );
  });

  it('refuses a 10 MB body announced by content-length without reading it', async () => {
    const url = await fixtures.http((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(10 * 1024 * 1024),
      });
      res.write('{"status":"pass"');
    });
    const { health } = await healthOf(url);
    expect(health.error).toBe('GET /health: HTTP 200 with a 10 MiB body, over the 1 MiB limit');
  });

  it('stops reading a streamed 10 MB body at the cap', async () => {
    let written = 0;
    const url = await fixtures.http((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (written < 10 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const { health } = await healthOf(url);
    expect(health.error).toBe(
      'GET /health: HTTP 200 with a body over the 1 MiB limit (stopped reading)',
    );
  });

  it('says HTML came back where JSON was expected', async () => {
    const url = await fixtures.http((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html>\n<html><body><h1>Welcome to nginx!</h1></body></html>');
    });
    const { health } = await healthOf(url);
    expect(health.error).toBe(
      'GET /health: expected JSON, got HTML (text/html): "<!doctype html> <html><body><h1>Welcome to nginx!</h1></body…"',
    );
  });

  it('says the JSON is invalid and shows the start of it', async () => {
    const url = await fixtures.http((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status": pass}');
    });
    const { health } = await healthOf(url);
    expect(health.error).toMatch(
      /^GET \/health: expected JSON, got invalid JSON \(.+\): "\{\\"status\\": pass\}"$/,
    );
  });

  it('detects a redirect loop', async () => {
    const url = await fixtures.http((req, res) => {
      res.writeHead(302, { location: req.url === '/health' ? '/elsewhere' : '/health' });
      res.end();
    });
    const { health } = await healthOf(url);
    expect(health.error).toBe('GET /health: redirect loop: /health -> /elsewhere -> /health');
  });

  it('stops after five redirects that never loop', async () => {
    const url = await fixtures.http((req, res) => {
      const n = Number(/\d+/.exec(req.url ?? '')?.[0] ?? 0);
      res.writeHead(307, { location: `/hop/${n + 1}` });
      res.end();
    });
    const { health } = await healthOf(url);
    expect(health.error).toBe('GET /health: more than 5 redirects (last to /hop/6)');
  });

  it('reports a connection reset in the middle of the response', async () => {
    const url = await fixtures.tcp((socket) => {
      socket.once('data', () => {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"status":"pa',
        );
        setTimeout(() => socket.resetAndDestroy(), 20);
      });
    });
    const { health } = await healthOf(url);
    expect(health.error).toMatch(
      /^GET \/health: connection to 127\.0\.0\.1:\d+ closed mid-response: HTTP 200 headers arrived, then the body broke off after 13 B$/,
    );
  });

  it('reports a connection reset before any answer', async () => {
    const url = await fixtures.tcp((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const { health } = await healthOf(url);
    expect(health.error).toMatch(
      /^GET \/health: connection reset by 127\.0\.0\.1:\d+ before it answered$/,
    );
  });

  it('refuses a TLS certificate that does not verify, and says how to trust it', async () => {
    const url = await fixtures.https((_req, res) => res.end('{}'), selfSignedCertificate());
    const { health } = await healthOf(url);
    expect(health.error).toMatch(
      /^GET \/health: TLS certificate of 127\.0\.0\.1:\d+ did not verify: self[- ]signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\); trust its CA with --ca, or skip verification with --insecure$/,
    );
  });

  it('reports a 5xx with what came back', async () => {
    const url = await fixtures.http((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad Gateway');
    });
    const { health, report } = await healthOf(url);
    expect(health.error).toBe(
      'GET /health: expected 2xx with status pass or warn, got HTTP 502: "Bad Gateway"',
    );
    expect(report.checks.find((c) => c.name === 'resources')!.error).toBe(
      'GET /metrics: expected 2xx Prometheus text, got HTTP 502: "Bad Gateway"',
    );
  });

  it('reports a server that speaks garbage instead of HTTP', async () => {
    const url = await fixtures.tcp((socket) =>
      socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n')),
    );
    const { health } = await healthOf(url);
    expect(health.error).toMatch(
      /^GET \/health: 127\.0\.0\.1:\d+ sent an invalid HTTP response \(HPE_/,
    );
  });
});
