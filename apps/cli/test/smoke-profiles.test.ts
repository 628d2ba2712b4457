import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTerminus, HealthCheckError } from '@godaddy/terminus';
import express from 'express';
import promBundle from 'express-prom-bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { startPrometheus } from './helpers/prometheus.js';
import { memoryIo } from './memory-io.js';

async function smoke(...args: string[]) {
  const io = memoryIo({});
  const code = await main(['smoke', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** A stranger's service: express, @godaddy/terminus for health, express-prom-bundle for metrics. */
describe('n1v1 smoke --profile=generic against a terminus + express-prom-bundle service', () => {
  let server: Server;
  let url: string;
  const db = { up: true };

  beforeAll(async () => {
    const app = express();
    app.use(
      promBundle({
        includeMethod: true,
        includePath: true,
        promClient: { collectDefaultMetrics: {} },
      }),
    );
    app.get('/api/orders/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    server = createServer(app);
    createTerminus(server, {
      healthChecks: {
        '/health': async () => ({ uptime: process.uptime() }),
        '/ready': async () => {
          if (!db.up) throw new HealthCheckError('database check failed', { db: 'down' });
          return { db: 'up' };
        },
      },
      signals: [],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('exits 0 while the service and its database are healthy', async () => {
    db.up = true;
    const { code, out } = await smoke('--profile=generic', `--url=${url}`, '--json');
    const report = JSON.parse(out);
    expect(code, out).toBe(0);
    expect(report).toMatchObject({ status: 'pass', profile: 'generic' });
    const names = report.checks.map(
      (c: { name: string; status: string }) => `${c.name}:${c.status}`,
    );
    expect(names).toEqual([
      'health:pass',
      'ready:pass',
      'status:skip',
      'trading:skip',
      'resources:pass',
    ]);
  });

  it("exits 1 with terminus's own detail when the readiness check fails", async () => {
    db.up = false;
    const { code, out } = await smoke('--profile=generic', `--url=${url}`);
    expect(code).toBe(1);
    expect(out).toContain(
      'GET /ready: expected 2xx, got HTTP 503 with status "error": {"db":"down"}',
    );
  });
});

describe('n1v1 smoke against a real Prometheus server', () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  beforeAll(async () => {
    prometheus = await startPrometheus();
  });
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('exits 0 with the documented config (packages/smoke-tests/examples/prometheus.smoke.json)', async () => {
    const config = fileURLToPath(
      new URL('../../../packages/smoke-tests/examples/prometheus.smoke.json', import.meta.url),
    );
    const { code, out } = await smoke(`--url=${prometheus.url}`, `--config=${config}`, '--json');
    expect(code, out).toBe(0);
    const report = JSON.parse(out);
    expect(report.profile).toBe('generic');
    expect(report.checks.find((c: { name: string }) => c.name === 'health').details).toMatchObject({
      httpStatus: 200,
    });
  });

  it('also with flags alone, and --wait polls the configured health path', async () => {
    const { code, err } = await smoke(
      '--profile=generic',
      `--url=${prometheus.url}`,
      '--health-path=/-/healthy',
      '--ready-path=/-/ready',
      '--wait=10s',
    );
    expect(code).toBe(0);
    expect(err).toContain('to answer /-/healthy');
  });

  it('says which profiles exist for an unknown one, exit 2', async () => {
    const { code, err } = await smoke('--profile=django', `--url=${prometheus.url}`);
    expect(code).toBe(2);
    expect(err).toBe(
      'n1v1: smoke: --profile must be one of n1v1, generic, kubernetes, spring, got "django"\n',
    );
  });
});
