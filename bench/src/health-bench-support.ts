/**
 * Support for the health-server benchmarks: each server under test runs alone in a child
 * process (`node health-bench-support.js <variant>`), so the load generator in the parent
 * and the server never share a CPU core's event loop. Not a benchmark itself.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTerminus } from '@godaddy/terminus';
import { createHealth } from '@n1v1/health-server';
import express, { type Express } from 'express';
import promBundle from 'express-prom-bundle';
import { Counter, type Registry } from 'prom-client';
import { runChild } from './lib/run-child.js';

export type Variant =
  | 'health-ours'
  | 'health-attached'
  | 'health-bare'
  | 'health-terminus'
  | 'health-raw'
  | 'route-plain'
  | 'route-plain-twin'
  | 'route-ours'
  | 'route-prom-bundle'
  | 'route-instrumented'
  | 'ready-100ms'
  | 'ready-100ms-uncached'
  | 'metrics-10k';

export const ORDER_PATH = '/api/v1/orders/42';
export const SERIES = 10_000;

/** A running child server. */
export interface ChildServer {
  url: string;
  /**
   * CPU time (user + system, every thread) the server process has used so far, in ms, from
   * its own `process.cpuUsage()` (microsecond resolution), asked over the IPC channel.
   */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Asks a child for its `process.cpuUsage()`; the child answers between two requests. */
function askCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the server did not report its CPU time')),
      10_000,
    );
    child.once('message', (usage: NodeJS.CpuUsage) => {
      clearTimeout(timer);
      resolve((usage.user + usage.system) / 1000);
    });
    child.send('cpu');
  });
}

/** Starts a variant in a child process and resolves with its loopback URL. */
export function startChild(variant: Variant): Promise<ChildServer> {
  const script = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, [script, variant], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${variant} did not start within 15 s`)),
      15_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const port = /^PORT (\d+)\n/.exec(out)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        cpuMs: () => askCpuMs(child),
        stop: async () => {
          if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`${variant} exited before listening`)));
  });
}

export const WRK = '/usr/bin/wrk';

/** Whether Debian's wrk is installed: a C load generator that leaves more CPU to the server than autocannon. */
export const haveWrk = existsSync(WRK);

/** wrk's figures: requests per second, latency percentiles in ms, errors. */
export interface WrkFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
}

export function wrkArgs(url: string, connections: number, durationSec: number): string[] {
  if (new URL(url).hostname !== '127.0.0.1')
    throw new Error('benchmarks only send load to loopback');
  return [
    '-t1',
    `-c${Math.min(connections, 1000)}`,
    `-d${Math.min(durationSec, 30)}s`,
    '--latency',
    url,
  ];
}

/** Requests per second and latency percentiles of a bounded `wrk -t1 --latency` run against a loopback URL. */
export function measureWrk(url: string, connections: number, durationSec: number): WrkFigures {
  const result = spawnSync(WRK, wrkArgs(url, connections, durationSec), {
    encoding: 'utf8',
    timeout: (durationSec + 15) * 1000,
  });
  return parseWrk(result.stdout, result.stderr);
}

/** `measureWrk` without blocking, so that two runs can load two servers at the same time. */
export async function measureWrkAsync(
  url: string,
  connections: number,
  durationSec: number,
): Promise<WrkFigures> {
  const { stdout, stderr } = await runChild(
    WRK,
    wrkArgs(url, connections, durationSec),
    durationSec + 15,
  );
  return parseWrk(stdout, stderr);
}

export function parseWrk(stdout: string, stderr: string): WrkFigures {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const scale = { us: 0.001, ms: 1, s: 1000 } as const;
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(stdout);
    return match ? Number(match[1]) * scale[match[2] as keyof typeof scale] : Number.NaN;
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? '0';
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    stdout,
  );
  const socketTotal = socketErrors
    ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0)
    : 0;
  if (!Number.isFinite(rps)) throw new Error(`wrk gave no figures: ${stderr || stdout}`);
  return {
    rps,
    requests: Number(/(\d+) requests in/.exec(stdout)?.[1]),
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    errors: Number(errors) + socketTotal,
  };
}

/** The body every /health variant answers, as ours does with no checks registered. */
export const HEALTH_BODY = {
  status: 'pass',
  version: '1.4.2',
  releaseId: 'abc123',
  serviceId: 'n1v1',
  checks: {},
};

const identity = {
  service: 'n1v1',
  version: '1.4.2',
  releaseId: 'abc123',
  metrics: { defaultMetrics: false },
};

function orderRoute(app: Express): void {
  app.get('/api/v1/orders/:id', (req, res) => {
    res.json({ id: req.params.id, status: 'filled' });
  });
}

/** Builds the server of one variant. */
export function buildServer(variant: Variant): Server {
  const app = express();
  switch (variant) {
    case 'health-ours':
      app.use(createHealth(identity).router());
      return createServer(app);
    case 'health-attached': {
      app.get('/', (_req, res) => {
        res.send('app');
      });
      const server = createServer(app);
      createHealth(identity).attach(server);
      return server;
    }
    case 'health-bare':
      app.get('/health', (_req, res) => {
        res.json(HEALTH_BODY);
      });
      return createServer(app);
    case 'health-raw': {
      // The ceiling: node:http answering a fixed body, no routing, no checks.
      const body = JSON.stringify(HEALTH_BODY);
      return createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/health+json' }).end(body);
      });
    }
    case 'health-terminus': {
      const server = createServer(app);
      createTerminus(server, { healthChecks: { '/health': async () => HEALTH_BODY.checks } });
      return server;
    }
    case 'route-plain':
    case 'route-plain-twin':
      // The twin is the same server in another process: how far two processes of one
      // server differ is the noise floor of a side-by-side ratio.
      orderRoute(app);
      return createServer(app);
    case 'route-ours':
      app.use(createHealth(identity).metricsMiddleware());
      orderRoute(app);
      return createServer(app);
    case 'route-instrumented': {
      const health = createHealth(identity);
      orderRoute(app);
      return createServer(health.instrument(app));
    }
    case 'route-prom-bundle':
      app.use(promBundle({ includeMethod: true, includePath: true, includeStatusCode: true }));
      orderRoute(app);
      return createServer(app);
    case 'ready-100ms':
    case 'ready-100ms-uncached': {
      const health = createHealth(identity);
      let calls = 0;
      const cacheMs = variant === 'ready-100ms' ? 1000 : 0;
      health.readiness(
        'exchange',
        () => {
          calls++;
          return new Promise((resolve) => setTimeout(resolve, 100));
        },
        { cacheMs },
      );
      app.use(health.router());
      app.get('/calls', (_req, res) => {
        res.json({ calls });
      });
      return createServer(app);
    }
    case 'metrics-10k': {
      const health = createHealth({ ...identity, metrics: { defaultMetrics: true } });
      fillSeries(health.registry);
      app.use(health.router());
      // The baseline, in the same process on the same registry: rendering alone, no HTTP.
      app.get('/render-ms', async (_req, res) => {
        const times: number[] = [];
        for (let i = 0; i < 45; i++) {
          const started = performance.now();
          await health.registry.metrics();
          times.push(performance.now() - started);
        }
        res.json(times.slice(5));
      });
      return createServer(app);
    }
  }
}

/** A counter with SERIES label combinations, as a busy service's own metrics might have. */
export function fillSeries(registry: Registry): void {
  const counter = new Counter({
    name: 'bench_orders_total',
    help: 'Orders by account and symbol.',
    labelNames: ['account', 'symbol'],
    registers: [registry],
  });
  for (let i = 0; i < SERIES; i++)
    counter.inc({ account: `acct-${i % 2500}`, symbol: `SYM-${Math.floor(i / 2500)}` }, i);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = buildServer(process.argv[2] as Variant);
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.(process.cpuUsage());
  });
  // The parent's IPC channel closing means it is gone: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
  });
}
