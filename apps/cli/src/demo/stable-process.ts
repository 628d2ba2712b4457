import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The stable version of the example service, as a process of its own the way it runs in production. */
export interface StableProcess {
  url: string;
  pid: number;
  /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const LISTENING = /^listening on (http:\/\/\S+)/;

/**
 * Starts `command` with `PORT=0` and resolves once it prints `listening on <url>`; rejects
 * with the reason when it exits or stays silent past `timeoutMs` (and then stops it).
 */
export function startStableProcess(
  command: string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<StableProcess> {
  const [file, ...args] = command;
  const child = spawn(file!, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const lastLine = stderr.trim().split('\n').at(-1);
      reject(
        new Error(`the stable service did not start: ${reason}${lastLine ? ` (${lastLine})` : ''}`),
      );
    };
    const timer = setTimeout(
      () => fail(`no "listening on" line within ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = LISTENING.exec(line);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1]!, pid: child.pid!, stop: (graceMs) => stopChild(child, graceMs) });
    });
  });
}

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
