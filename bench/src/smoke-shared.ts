import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The built example service, run as its own process so it does not share a core with the load. */
const main = fileURLToPath(new URL('../../apps/example-service/dist/main.js', import.meta.url));

export interface ServiceProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts the example service on a free loopback port and resolves once it says it listens. */
export function startExampleServiceProcess(env: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
  return startServiceProcess(main, env);
}

/**
 * Starts a built server script as its own process and resolves with its URL once it prints
 * `listening on http://127.0.0.1:<port>`.
 */
export async function startServiceProcess(
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within 15 s`)),
      15_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening (is it built?)`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * Rounds of the load benchmarks beside `smoke-load` (paced, stalls, reference): half of
 * `BENCH_ROUNDS` (default 7), at least 3, so that a full run stays within minutes.
 */
export const SIDE_ROUNDS = Math.max(3, Math.ceil((Number(process.env.BENCH_ROUNDS) || 7) / 2));

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of an async function in ms. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
