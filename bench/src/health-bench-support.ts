/**
 * Support for the health-server benchmarks: each server under test runs alone in a child
 * process (`node health-bench-support.js <variant>`), so the load generator in the parent
 * and the server never share a CPU core's event loop. Not a benchmark itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTerminus } from '@godaddy/terminus';
import { createHealth } from '@n1v1/health-server';
import express, { type Express } from 'express';
import promBundle from 'express-prom-bundle';
import { Counter, type Registry } from 'prom-client';

export type Variant =
  | 'health-ours'
  | 'health-bare'
  | 'health-terminus'
  | 'route-plain'
  | 'route-ours'
  | 'route-prom-bundle'
  | 'ready-100ms'
  | 'metrics-10k';

export const ORDER_PATH = '/api/v1/orders/42';
export const SERIES = 10_000;

/** A running child server. */
export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts a variant in a child process and resolves with its loopback URL. */
export function startChild(variant: Variant): Promise<ChildServer> {
  const script = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, [script, variant], {
    stdio: ['ignore', 'pipe', 'inherit'],
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
        stop: async () => {
          if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`${variant} exited before listening`)));
  });
}

/** The body every /health variant answers, as ours does with no checks registered. */
const HEALTH_BODY = {
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
    case 'health-bare':
      app.get('/health', (_req, res) => {
        res.json(HEALTH_BODY);
      });
      return createServer(app);
    case 'health-terminus': {
      const server = createServer(app);
      createTerminus(server, { healthChecks: { '/health': async () => HEALTH_BODY.checks } });
      return server;
    }
    case 'route-plain':
      orderRoute(app);
      return createServer(app);
    case 'route-ours':
      app.use(createHealth(identity).metricsMiddleware());
      orderRoute(app);
      return createServer(app);
    case 'route-prom-bundle':
      app.use(promBundle({ includeMethod: true, includePath: true, includeStatusCode: true }));
      orderRoute(app);
      return createServer(app);
    case 'ready-100ms': {
      const health = createHealth(identity);
      let calls = 0;
      health.readiness('exchange', () => {
        calls++;
        return new Promise((resolve) => setTimeout(resolve, 100));
      });
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
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
  });
}
