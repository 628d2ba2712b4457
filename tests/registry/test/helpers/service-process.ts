import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './verdaccio.js';

export interface RunningApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `node <script>` in `cwd` with PORT set, as a user would start the README's service; ready
 * once `/health` answers. Stopped by its pid (SIGTERM, the graceful path, then SIGKILL).
 */
export async function startApp(cwd: string, script: string): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    out += chunk;
  });
  const app = { url, output: () => out, stop: () => stop(child) };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      return app;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await app.stop();
  throw new Error(`${script} did not answer on ${url} (exit ${child.exitCode}): ${out}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
