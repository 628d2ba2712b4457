import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, get as httpGet, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveLoad } from './helpers/keep-alive-load.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();
const agents = new Set<Agent>();
afterEach(() => {
  for (const child of children)
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  children.clear();
  for (const agent of agents) agent.destroy();
  agents.clear();
});

/** Starts `node dist/main.js` and resolves once it printed its listening line (or exited). */
function startProcess(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no listening line within 15 s; stderr: ${err}`)),
      15_000,
    );
    const started = (url: string) => {
      clearTimeout(timer);
      resolve({ child, url, stdout: () => out, stderr: () => err, exited });
    };
    child.stdout?.on('data', () => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (match) started(match[1]!);
    });
    void exited.then(() => started(''));
  });
}

function status(url: string, agent?: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (url: string): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });

describe('the example service process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints exactly one stdout line and exits 0 on %s',
    async (signal) => {
      const service = await startProcess();
      expect(service.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      expect(await status(`${service.url}/health`)).toBe(200);
      process.kill(service.child.pid!, signal);
      expect(await service.exited).toEqual({ code: 0, signal: null });
      expect(service.stdout().split('\n')).toHaveLength(2);
      expect(service.stderr()).toContain('shutdown finished (exit 0)');
    },
  );

  it('loses no request of 20 keep-alive clients across SIGTERM with no shutdown delay, in 3 of 3 runs', async () => {
    const runs = [];
    for (let run = 0; run < 3; run++) {
      // The default shutdown delay of this service is 0: the listener closes at once.
      const service = await startProcess({ N1V1_LATENCY_MS: '2' });
      const outcome = await keepAliveLoad(`${service.url}/api/v1/ticker/BTC-USD`, 20, () => {
        setTimeout(() => process.kill(service.child.pid!, 'SIGTERM'), 200);
      });
      runs.push({ ...outcome, exit: await service.exited });
    }
    for (const run of runs) {
      expect(run).toMatchObject({ lost: 0, other: [], exit: { code: 0, signal: null } });
      expect(run.ok).toBeGreaterThan(20);
    }
  });

  it('loses no request when SIGTERMed during a rolling restart under load', async () => {
    const env = { N1V1_SHUTDOWN_DELAY_MS: '1000' };
    const [old, next] = await Promise.all([startProcess(env), startProcess(env)]);
    const pool = new Map([
      [old.url, true],
      [next.url, true],
    ]);
    let running = true;
    const poller = (async () => {
      while (running) {
        for (const url of pool.keys())
          pool.set(
            url,
            await status(`${url}/ready`).then(
              (s) => s === 200,
              () => false,
            ),
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const agent = new Agent({ keepAlive: true });
    agents.add(agent);
    const outcome = { ok: 0, byOld: 0, failed: [] as string[] };
    let turn = 0;
    const client = async () => {
      for (let i = 0; i < 3000 && running; i++) {
        const url = [...pool].filter(([, up]) => up).map(([u]) => u)[turn++ % 2] ?? next.url;
        try {
          const code = await status(`${url}/api/v1/ticker/BTC-USD`, agent);
          if (code === 200) {
            outcome.ok++;
            if (url === old.url) outcome.byOld++;
          } else outcome.failed.push(`status ${code}`);
        } catch (error) {
          outcome.failed.push((error as Error).message);
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);
    while (outcome.byOld < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(old.child.pid!, 'SIGTERM');
    const exit = await old.exited;
    const okAtExit = outcome.ok;
    while (outcome.ok < okAtExit + 100) await new Promise((resolve) => setTimeout(resolve, 20));
    running = false;
    await Promise.all([...clients, poller]);
    expect(outcome.failed).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    process.kill(next.child.pid!, 'SIGTERM');
    expect((await next.exited).code).toBe(0);
  }, 60_000);

  it('exits 1 with one line on stderr and nothing on stdout when asked to crash on start', async () => {
    const service = await startProcess({ N1V1_CRASH_ON_START: '1' });
    expect(await service.exited).toEqual({ code: 1, signal: null });
    expect(service.stdout()).toBe('');
    expect(service.stderr()).toMatch(
      /example-service: crashing right after start, as N1V1_CRASH_ON_START asks\n$/,
    );
  });

  it('exits 2 with a one-line reason for an invalid variable', async () => {
    const service = await startProcess({ N1V1_ERROR_RATE: 'lots' });
    expect(await service.exited).toEqual({ code: 2, signal: null });
    expect(service.stdout()).toBe('');
    expect(service.stderr()).toBe(
      'example-service: N1V1_ERROR_RATE must be a number (got "lots")\n',
    );
  });

  it('applies fault switches from the environment', async () => {
    const service = await startProcess({
      N1V1_EXCHANGE: 'hang',
      N1V1_ERROR_RATE: '1',
      N1V1_VERSION: '9.9.9',
      N1V1_RELEASE_ID: 'bad-canary',
      N1V1_ENVIRONMENT: 'staging',
    });
    expect(await status(`${service.url}/ready`)).toBe(503);
    expect(await status(`${service.url}/api/v1/ticker/BTC-USD`)).toBe(500);
    expect(await status(`${service.url}/health`)).toBe(200);
    expect(await json(`${service.url}/api/v1/status`)).toMatchObject({
      version: '9.9.9',
      releaseId: 'bad-canary',
      environment: 'staging',
    });
  });

  it('fails liveness when the event loop stalls longer than a second', async () => {
    const service = await startProcess({ N1V1_STALL_EVENT_LOOP_MS: '1500' });
    let code = 200;
    for (let i = 0; i < 40 && code === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      code = await status(`${service.url}/health`);
    }
    expect(code).toBe(503);
  }, 40_000);
});
