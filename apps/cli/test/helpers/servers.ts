import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Loopback HTTP servers for the command tests; `closeServers` in afterEach stops them all. */
const open: http.Server[] = [];

export async function startServer(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServers(): Promise<void> {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A port on which nothing listens. */
export async function refusedUrl(): Promise<string> {
  const url = await startServer(() => undefined);
  await closeServers();
  return url;
}

const health = { status: 'pass', version: '2.0.0', releaseId: 'r1', serviceId: 'svc', checks: {} };
const status = {
  service: 'svc',
  version: '2.0.0',
  releaseId: 'r1',
  environment: 'test',
  uptimeSec: 5,
  status: 'pass',
  checks: { total: 0, pass: 0, warn: 0, fail: 0 },
  trading: { mode: 'paper', enabled: true, marketDataAgeMs: 20 },
};

/** A service that keeps the HTTP contract; `overrides` replaces the answer of a path. */
export function healthyService(
  overrides: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {},
): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const override = overrides[path];
    if (override) return override(req, res);
    const json = (body: unknown, type = 'application/json') =>
      res.writeHead(200, { 'content-type': type }).end(JSON.stringify(body));
    if (path === '/health' || path === '/ready') return json(health, 'application/health+json');
    if (path === '/api/v1/status') return json(status);
    if (path === '/metrics') {
      return res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(
          'process_resident_memory_bytes 50000000\nprocess_cpu_seconds_total 1\nnodejs_eventloop_lag_p99_seconds 0.01\n',
        );
    }
    res.writeHead(404).end();
  };
}
