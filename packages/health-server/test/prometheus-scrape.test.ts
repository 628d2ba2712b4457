import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { checks } from '../src/index.js';
import { cleanup, listen, makeHealth, waitFor } from './helpers.js';

let prometheus: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (prometheus?.pid && prometheus.exitCode === null) {
    const exited = new Promise((resolve) => prometheus?.once('exit', resolve));
    process.kill(prometheus.pid, 'SIGKILL');
    await exited;
  }
  prometheus = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await cleanup();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Target {
  health: string;
  lastError: string;
}

describe('a real Prometheus server scraping /metrics', () => {
  it('scrapes it in OpenMetrics without an error and stores the contract metrics', async () => {
    const health = makeHealth();
    health.readiness(
      'db',
      checks.fn(() => 12, { warnAbove: 100 }),
    );
    const app = express();
    const scrapeAccepts: string[] = [];
    app.use('/metrics', (req, _res, next) => {
      scrapeAccepts.push(req.headers.accept ?? '');
      next();
    });
    app.use(health.metricsMiddleware());
    app.use(health.router());
    app.get('/api/v1/orders/:id', (_req, res) => {
      res.json({});
    });
    const target = new URL(await listen(createServer(app)));
    await fetch(`${target.origin}/api/v1/orders/1`);
    await fetch(`${target.origin}/ready`);

    dataDir = mkdtempSync(join(tmpdir(), 'n1v1-prometheus-'));
    const config = join(dataDir, 'prometheus.yml');
    writeFileSync(
      config,
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: n1v1\n    static_configs:\n      - targets: ['${target.host}']\n`,
    );
    const port = await freePort();
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dataDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    let spawnError: Error | undefined;
    prometheus.once('error', (error) => {
      spawnError = error;
    });
    const api = `http://127.0.0.1:${port}/api/v1`;
    let targets: Target[] = [];
    await waitFor(
      () => targets.some((t) => t.health !== 'unknown'),
      30_000,
      async () => {
        if (spawnError)
          throw new Error(
            `cannot run prometheus (Debian package "prometheus"): ${spawnError.message}`,
          );
        const res = await fetch(`${api}/targets`).catch(() => undefined);
        if (res?.ok)
          targets = ((await res.json()) as { data: { activeTargets: Target[] } }).data
            .activeTargets;
      },
    );
    expect(targets.map(({ health: h, lastError }) => ({ health: h, lastError }))).toEqual([
      { health: 'up', lastError: '' },
    ]);

    const query = async (promql: string) =>
      (
        (await (await fetch(`${api}/query?query=${encodeURIComponent(promql)}`)).json()) as {
          data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
        }
      ).data.result;
    const requests = await query('http_requests_total');
    expect(requests.map((r) => [r.metric.route, r.value[1]])).toEqual([
      ['/api/v1/orders/:id', '1'],
    ]);
    expect((await query('health_check_status{check="db"}'))[0]?.value[1]).toBe('1');
    expect((await query('sum(http_request_duration_seconds_count)'))[0]?.value[1]).toBe('1');
  }, 60_000);
});
