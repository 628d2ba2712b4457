import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CanaryError } from '../../canary-error.js';
import { pidAlive } from '../../run/pid-alive.js';

/** A service process the local deployer started, as the journal and the state file keep it. */
export interface ServiceProcess {
  role: 'canary' | 'stable';
  pid: number;
  port: number;
  url: string;
  version: string;
  runId: string;
  logFile: string;
  startedAt: string;
}

export interface StartOptions {
  role: ServiceProcess['role'];
  command: string[];
  port: number;
  version: string;
  runId: string;
  environment: string;
  env?: Record<string, string>;
  logDir: string;
  cwd: string;
}

/**
 * Starts the service detached, in its own process group, with its output in a log file, so
 * that it is a deployment that outlives this run (and a Ctrl-C reaches the runner, which
 * rolls back, rather than the canary).
 */
export function startServiceProcess(options: StartOptions): {
  process: ServiceProcess;
  child: ChildProcess;
} {
  const [file, ...args] = options.command;
  if (!file) throw new CanaryError('E_CONFIG_INVALID', 'deployer.command is empty');
  const script = args.find((a) => a.endsWith('.js'));
  if (script && !existsSync(script)) {
    throw new CanaryError(
      'E_DEPLOY_FAILED',
      `${script} does not exist; build it first (pnpm build)`,
    );
  }
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `${options.runId}-${options.role}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(file, args, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      N1V1_VERSION: options.version,
      N1V1_RELEASE_ID: options.runId,
      N1V1_ENVIRONMENT: options.environment,
      N1V1_RUN_ID: options.runId,
      N1V1_ROLE: options.role,
      ...options.env,
    },
  });
  closeSync(fd);
  child.unref();
  child.on('error', () => {
    // Reported by waitReady through the exit/absence of the process.
  });
  if (child.pid === undefined) throw new CanaryError('E_DEPLOY_FAILED', `could not start ${file}`);
  return {
    child,
    process: {
      role: options.role,
      pid: child.pid,
      port: options.port,
      url: `http://127.0.0.1:${options.port}`,
      version: options.version,
      runId: options.runId,
      logFile,
      startedAt: new Date().toISOString(),
    },
  };
}

/**
 * Whether the pid still is the process we started: alive, and (where /proc can tell)
 * carrying our run id, so a recycled pid is never taken for ours and never killed.
 */
export function isOurProcess(proc: Pick<ServiceProcess, 'pid' | 'runId' | 'role'>): boolean {
  if (!pidAlive(proc.pid)) return false;
  try {
    const environ = readFileSync(`/proc/${proc.pid}/environ`, 'latin1').split('\0');
    if (environ.some((v) => v.startsWith('N1V1_RUN_ID='))) {
      return (
        environ.includes(`N1V1_RUN_ID=${proc.runId}`) && environ.includes(`N1V1_ROLE=${proc.role}`)
      );
    }
    return environ.length <= 1;
  } catch {
    return true;
  }
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once it is gone. */
export async function stopServiceProcess(
  proc: ServiceProcess,
  graceMs = 10_000,
): Promise<'stopped' | 'not running'> {
  if (!isOurProcess(proc)) return 'not running';
  signalGroup(proc.pid, 'SIGTERM');
  if (await waitGone(proc.pid, graceMs)) return 'stopped';
  signalGroup(proc.pid, 'SIGKILL');
  await waitGone(proc.pid, 5000);
  return 'stopped';
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !pidAlive(pid);
}

/** The last lines of a process's log, for "exited before it was ready" messages. */
export function logTail(logFile: string, lines = 3): string {
  try {
    return readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join(' | ').slice(0, 500);
  } catch {
    return '';
  }
}
