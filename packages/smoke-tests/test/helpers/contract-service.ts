import type http from 'node:http';

/** How the fake service behaves; every field has a healthy default. */
export interface ContractServiceOptions {
  health?: { status: number; body: unknown };
  ready?: { status: number; body: unknown };
  status?: { status: number; body: unknown };
  metrics?: { status: number; body: string } | ((call: number) => { status: number; body: string });
  /** Routes beyond the contract ones. */
  extra?: Record<
    string,
    (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void
  >;
  /** Every request seen, for assertions on headers. */
  seen?: http.IncomingMessage[];
}

export function healthBody(status: 'pass' | 'warn' | 'fail', checks: Record<string, string> = {}) {
  return {
    status,
    version: '1.4.2',
    releaseId: 'r-77',
    serviceId: 'n1v1-paper',
    checks: Object.fromEntries(
      Object.entries(checks).map(([name, s]) => [
        name,
        [{ status: s, time: new Date().toISOString() }],
      ]),
    ),
  };
}

export function statusBody(
  trading: Record<string, unknown> | null = { mode: 'paper', enabled: true, marketDataAgeMs: 150 },
) {
  return {
    service: 'n1v1-paper',
    version: '1.4.2',
    releaseId: 'r-77',
    environment: 'test',
    uptimeSec: 12,
    status: 'pass',
    checks: { total: 2, pass: 2, warn: 0, fail: 0 },
    ...(trading ? { trading } : {}),
  };
}

export function metricsText({
  rssBytes = 64 * 1024 * 1024,
  lagSec = 0.012,
  lagMaxSec = 0.02,
  cpuSec = 1.5,
} = {}): string {
  return [
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${rssBytes}`,
    `process_cpu_seconds_total ${cpuSec}`,
    `nodejs_eventloop_lag_p99_seconds ${lagSec}`,
    `nodejs_eventloop_lag_max_seconds ${lagMaxSec}`,
    '',
  ].join('\n');
}

/** A request handler that serves the HTTP contract of DESIGN.md, healthy unless told otherwise. */
export function contractService(options: ContractServiceOptions = {}): http.RequestListener {
  let metricsCalls = 0;
  return (req, res) => {
    options.seen?.push(req);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const extra = options.extra?.[`${req.method} ${path}`];
      if (extra) return extra(req, res, Buffer.concat(chunks).toString('utf8'));
      if (path === '/health')
        return json(
          res,
          options.health ?? { status: 200, body: healthBody('pass') },
          'application/health+json',
        );
      if (path === '/ready')
        return json(
          res,
          options.ready ?? { status: 200, body: healthBody('pass') },
          'application/health+json',
        );
      if (path === '/api/v1/status')
        return json(res, options.status ?? { status: 200, body: statusBody() });
      if (path === '/metrics') {
        const m =
          typeof options.metrics === 'function'
            ? options.metrics(metricsCalls++)
            : (options.metrics ?? { status: 200, body: metricsText() });
        res.writeHead(m.status, { 'content-type': 'text/plain; version=0.0.4' });
        return res.end(m.body);
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    });
  };
}

function json(
  res: http.ServerResponse,
  reply: { status: number; body: unknown },
  type = 'application/json',
): void {
  res.writeHead(reply.status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(JSON.stringify(reply.body));
}
