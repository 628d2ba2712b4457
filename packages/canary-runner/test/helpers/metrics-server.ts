import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A small HTTP target whose /metrics text and /health, /ready answers the test sets. */
export interface MetricsServer {
  url: string;
  /** Prometheus text served at /metrics. */
  metrics: string;
  /** Status of /health and /ready. */
  healthStatus: number;
  readyStatus: number;
  /** Delay before answering any request, in ms (a stalled target). */
  delayMs: number;
  /** Requests seen, by method and path. */
  seen: string[];
  close(): Promise<void>;
}

export async function startMetricsServer(): Promise<MetricsServer> {
  const state = {
    metrics: '',
    healthStatus: 200,
    readyStatus: 200,
    delayMs: 0,
    seen: [] as string[],
  };
  const server: Server = createServer((req, res) => {
    state.seen.push(`${req.method} ${req.url}`);
    req.resume();
    const answer = () => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return res.end(state.metrics);
      }
      const status =
        req.url === '/health' ? state.healthStatus : req.url === '/ready' ? state.readyStatus : 200;
      res.writeHead(status, { 'content-type': 'application/health+json' });
      res.end(
        JSON.stringify({
          status: status === 200 ? 'pass' : 'fail',
          checks: status === 200 ? {} : { 'exchange:connectivity': [{ status: 'fail' }] },
        }),
      );
    };
    if (state.delayMs > 0) setTimeout(answer, state.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Request-counter and histogram exposition like the health-server's, for a scrape. */
export function requestMetrics(
  ok: number,
  errors: number,
  buckets: Array<[string, number]>,
): string {
  const labels = 'method="GET",route="/api/v1/ticker/:symbol"';
  return [
    '# TYPE http_requests_total counter',
    `http_requests_total{${labels},status_code="200"} ${ok}`,
    `http_requests_total{${labels},status_code="500"} ${errors}`,
    '# TYPE http_request_duration_seconds histogram',
    ...buckets.map(
      ([le, count]) =>
        `http_request_duration_seconds_bucket{le="${le}",${labels},status_code="200"} ${count}`,
    ),
    '',
  ].join('\n');
}
