import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/deployers/local/free-port.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface RunningPrometheus {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts Debian's Prometheus on loopback with a 1 s scrape interval and a throw-away TSDB,
 * scraping the given targets (one job each). Stopped by pid.
 */
export async function startPrometheus(jobs: Record<string, string>): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-prometheus-'));
  const scrapeConfigs = Object.entries(jobs)
    .map(
      ([job, url]) =>
        `  - job_name: ${job}\n    static_configs:\n      - targets: ['${new URL(url).host}']`,
    )
    .join('\n');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${scrapeConfigs}\n`,
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`)).status === 200) return { url, pid: child.pid!, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`prometheus not ready after 30 s: ${stderr}`);
}

export const prometheusInstalled = () => existsSync(PROMETHEUS_BIN);

/** Waits until Prometheus has scraped `job` at least `samples` times. */
export async function waitForScrapes(
  url: string,
  job: string,
  samples = 3,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const query = `count_over_time(up{job="${job}"}[1m])`;
  while (Date.now() < deadline) {
    const body = (await (
      await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`)
    ).json()) as {
      data: { result: Array<{ value: [number, string] }> };
    };
    if (Number(body.data.result[0]?.value[1] ?? 0) >= samples) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`prometheus did not scrape ${job} ${samples} times in ${timeoutMs} ms`);
}
