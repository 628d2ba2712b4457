import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { parseLoadReport } from './helpers/schemas.js';
import { closeServers, refusedUrl, startServer } from './helpers/servers.js';
import { memoryIo } from './memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'n1v1-load-cli-'));
afterEach(() => closeServers());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(env);
  const code = await main(['load', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('n1v1 load', () => {
  it('prints the figures and thresholds and exits 0 within the limits', async () => {
    const paths = new Set<string>();
    const url = await startServer((req, res) => {
      paths.add(String(req.url));
      res.writeHead(200).end('ok');
    });
    const { code, out, err } = await load([
      `--url=${url}`,
      '--path=/ready',
      '--duration=1s',
      '--connections=2',
      '--max-p99=1s',
      '--min-rps=1',
    ]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect([...paths]).toEqual(['/ready']);
    expect(out.split('\n')[0]).toBe(`n1v1 load ${url}: PASS`);
    expect(out).toMatch(/errors {3}0 \(0\.00%\): 0 non-2xx, 0 timeouts, 0 connection errors/);
    expect(out).toMatch(/status {3}200: \d+/);
    expect(out).toContain('pass     p99 <= 1000 ms');
    expect(out).toMatch(/pass {5}requests\/s >= 1 \(got [\d.]+\)/);
  });

  it('prints one JSON document matching the shipped load schema with --json', async () => {
    const url = await startServer((_req, res) => res.writeHead(200).end());
    const { code, out } = await load([
      `--url=${url}`,
      '--duration=1s',
      '--connections=1',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(parseLoadReport(out)).toMatchObject({
      status: 'pass',
      path: '/health',
      connections: 1,
    });
  });

  it('judges a fractional --max-p99 in ms and quotes the p99 to the microsecond', async () => {
    const url = await startServer((_req, res) => {
      setTimeout(() => res.writeHead(200).end(), 5);
    });
    const { code, out } = await load([
      `--url=${url}`,
      '--duration=1s',
      '--connections=1',
      '--max-p99=2.5',
      '--json',
    ]);
    expect(code).toBe(1);
    const report = parseLoadReport(out) as { latencyMs: { p99: number }; error: string };
    expect(report.error).toBe(
      `/health: p99 latency ${report.latencyMs.p99} ms over the 2.5 ms limit`,
    );
  });

  it('exits 1 and says which limit broke when errors pass the limit', async () => {
    const summary = join(dir, 'summary.md');
    const url = await startServer((_req, res) => res.writeHead(500).end());
    const { code, out } = await load(
      [`--url=${url}`, '--duration=1s', '--connections=1', '--max-error-rate=0.5'],
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: summary,
      },
    );
    expect(code).toBe(1);
    expect(out).toMatch(/: FAIL\n/);
    expect(out).toMatch(/ {2}FAIL {5}error rate <= 50\.00% \(got 100\.00%\)/);
    expect(out).toMatch(
      /\n {2}\/health: error rate 100\.00% \(\d+ of \d+: \d+ non2xx\) over the 50\.00% limit\n/,
    );
    expect(out).toMatch(/^::error title=load check failed::\/health: error rate 100\.00%25/m);
    expect(readFileSync(summary, 'utf8')).toMatch(
      /^\*\*Load\*\* on `\/health`: 1 connections for [\d.]+ s, ❌ failed/,
    );
  });

  it('fails when the service cannot be reached', async () => {
    const { code, out } = await load([
      `--url=${await refusedUrl()}`,
      '--duration=1s',
      '--connections=1',
      '--json',
    ]);
    expect(code).toBe(1);
    expect(parseLoadReport(out).error).toMatch(/no request was answered/);
  });

  it('exits 2 for limits out of bounds and malformed values', async () => {
    const cases: Array<[string[], string]> = [
      [['--duration=10m'], 'n1v1: load duration must be more than 0 and at most 300 s, got 600\n'],
      [
        ['--connections=0'],
        'n1v1: load connections must be a whole number from 1 to 1000, got 0\n',
      ],
      [
        ['--max-p99=fast'],
        'n1v1: load: --max-p99 "fast" is not a duration: write e.g. 500ms, 5s, 2m or 1m30s\n',
      ],
      [['--min-rps=lots'], 'n1v1: load: --min-rps must be a number, got "lots"\n'],
      [['--path=health'], 'n1v1: load path must start with /, got "health"\n'],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await load(['--url=http://127.0.0.1:1', ...args]);
      expect([code, out, err]).toEqual([2, '', message]);
    }
  });
});

describe('n1v1 load interrupted by Ctrl-C', () => {
  it('says it was interrupted and exits 1, never PASS', async () => {
    let requests = 0;
    const url = await startServer((_req, res) => {
      requests++;
      res.writeHead(200).end('ok');
    });
    const bin = fileURLToPath(new URL('../bin/n1v1.js', import.meta.url));
    const child = spawn(
      process.execPath,
      [bin, 'load', `--url=${url}`, '--duration=60s', '--connections=1'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Interrupt once the load runs: the service has seen its first requests.
    const deadline = Date.now() + 20_000;
    while (requests < 10 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGINT');
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(kill);
    expect(code, `${out}\n${err}`).toBe(1);
    expect(out).toMatch(/: FAIL/);
    expect(out).not.toMatch(/PASS/);
    expect(out).toMatch(/interrupted \(Ctrl-C\) after [\d.]+ s of the 60 s asked for/);
    expect(err).toMatch(/^load: interrupted \(Ctrl-C\)/m);
  }, 60_000);
});
