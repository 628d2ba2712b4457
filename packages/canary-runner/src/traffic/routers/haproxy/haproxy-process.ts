import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CanaryError } from '../../../canary-error.js';
import { pidAlive } from '../../../run/pid-alive.js';
import { runtimeCommand } from './runtime-api.js';

/** A haproxy process the router started, as the journal keeps it. */
export interface HaproxyProcess {
  pid: number;
  configFile: string;
  socketPath: string;
  logFile: string;
  port: number;
  url: string;
}

/** The haproxy binary: the configured one, else `haproxy` on PATH, else Debian's /usr/sbin. */
export function findHaproxy(configured?: string, path = process.env.PATH ?? ''): string {
  if (configured) return configured;
  for (const dir of [...path.split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin']) {
    const candidate = join(dir, 'haproxy');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  throw new CanaryError(
    'E_CONFIG_INVALID',
    'router.type "haproxy" needs the haproxy binary; install it (apt-get install haproxy) or set router.binary',
  );
}

/**
 * Starts haproxy in the foreground of its own process group (so it outlives a runner that
 * is killed, and the next run can still set the canary's weight to 0) and waits until its
 * runtime API answers. Fails with the last line of its log when it exits first.
 */
export async function startHaproxy(
  binary: string,
  files: Omit<HaproxyProcess, 'pid' | 'url'>,
  signal: AbortSignal,
  readyTimeoutMs = 10_000,
): Promise<HaproxyProcess> {
  const fd = openSync(files.logFile, 'a');
  const child = spawn(binary, ['-f', files.configFile, '-db'], {
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  child.unref();
  let exited: string | undefined;
  child.once('error', (error) => {
    exited = error.message;
  });
  child.once('exit', (code, sig) => {
    exited = `exited ${code ?? sig}`;
  });
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    if (exited) break;
    try {
      if ((await runtimeCommand(files.socketPath, 'show info', 1000)).includes('Pid:')) {
        return { ...files, pid: child.pid!, url: `http://127.0.0.1:${files.port}` };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (child.pid && !exited) process.kill(child.pid, 'SIGKILL');
  const log = lastLogLine(files.logFile);
  throw new CanaryError(
    'E_DEPLOY_FAILED',
    `haproxy did not start (${exited ?? `no runtime API after ${readyTimeoutMs} ms`})${log ? `: ${log}` : ''}`,
  );
}

/** Whether the pid is still the haproxy started with this config (a recycled pid is not). */
export function isOurHaproxy(proc: Pick<HaproxyProcess, 'pid' | 'configFile'>): boolean {
  if (!pidAlive(proc.pid)) return false;
  try {
    return readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8').split('\0').includes(proc.configFile);
  } catch {
    return true;
  }
}

/** Stops it (SIGTERM is haproxy's hard stop; SIGKILL after 5 s). Idempotent. */
export async function stopHaproxy(
  proc: Pick<HaproxyProcess, 'pid' | 'configFile'>,
): Promise<boolean> {
  if (!isOurHaproxy(proc)) return false;
  process.kill(proc.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pidAlive(proc.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (pidAlive(proc.pid)) process.kill(proc.pid, 'SIGKILL');
  return true;
}

function lastLogLine(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    return (lines.find((l) => l.includes('ALERT')) ?? lines.at(-1) ?? '').slice(0, 300);
  } catch {
    return '';
  }
}
