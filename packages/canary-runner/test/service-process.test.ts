import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isOurProcess,
  logTail,
  type ServiceProcess,
  startServiceProcess,
  stopServiceProcess,
} from '../src/deployers/local/service-process.js';
import { pidAlive } from '../src/run/pid-alive.js';

const dirs: string[] = [];
const pids: number[] = [];

afterEach(() => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already stopped by the test.
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-service-process-'));
  dirs.push(dir);
  return dir;
}

/** A service that logs its N1V1 environment, ignores SIGTERM when asked to, and stays up. */
function start(dir: string, { ignoreTerm = false, runId = 'run-a' } = {}): ServiceProcess {
  const code = `${ignoreTerm ? "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));" : ''}
    console.log(['PORT', 'HOST', 'N1V1_VERSION', 'N1V1_ROLE', 'N1V1_ENVIRONMENT'].map((k) => k + '=' + process.env[k]).join(' '));
    setInterval(() => {}, 1000);`;
  const { process: proc } = startServiceProcess({
    role: 'canary',
    command: [process.execPath, '-e', code],
    port: 45_678,
    version: '2.0.0',
    runId,
    environment: 'staging',
    logDir: join(dir, 'logs'),
    cwd: dir,
  });
  pids.push(proc.pid);
  return proc;
}

async function logShows(proc: ServiceProcess, text: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!readFileSync(proc.logFile, 'utf8').includes(text)) {
    if (Date.now() > until) throw new Error(`log never showed ${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the local deployer’s service processes', () => {
  it('refuses an empty command as a config error', () => {
    expect(() =>
      startServiceProcess({
        role: 'canary',
        command: [],
        port: 1,
        version: '1',
        runId: 'r',
        environment: 'staging',
        logDir: tempDir(),
        cwd: tmpdir(),
      }),
    ).toThrow(
      expect.objectContaining({ code: 'E_CONFIG_INVALID', message: 'deployer.command is empty' }),
    );
  });

  it('says to build first when the service script does not exist', () => {
    const dir = tempDir();
    const missing = join(dir, 'dist', 'server.js');
    expect(() =>
      startServiceProcess({
        role: 'canary',
        command: ['node', missing],
        port: 1,
        version: '1',
        runId: 'r',
        environment: 'staging',
        logDir: join(dir, 'logs'),
        cwd: dir,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'E_DEPLOY_FAILED',
        message: `${missing} does not exist; build it first (pnpm build)`,
      }),
    );
  });

  it('starts the service with its port, version, role and environment, its output in the log', async () => {
    const proc = start(tempDir());
    await logShows(
      proc,
      'PORT=45678 HOST=127.0.0.1 N1V1_VERSION=2.0.0 N1V1_ROLE=canary N1V1_ENVIRONMENT=staging',
    );
    expect(proc.url).toBe('http://127.0.0.1:45678');
    expect(isOurProcess(proc)).toBe(true);
    await expect(stopServiceProcess(proc)).resolves.toBe('stopped');
    expect(pidAlive(proc.pid)).toBe(false);
  });

  it('kills a service that ignores SIGTERM once the grace period is over', async () => {
    const proc = start(tempDir(), { ignoreTerm: true });
    await logShows(proc, 'N1V1_ROLE=canary');
    await expect(stopServiceProcess(proc, 300)).resolves.toBe('stopped');
    expect(readFileSync(proc.logFile, 'utf8')).toContain('ignoring SIGTERM');
    expect(pidAlive(proc.pid)).toBe(false);
  });

  it('never stops a process that belongs to another run, even with the same pid', async () => {
    const proc = start(tempDir(), { runId: 'run-a' });
    await logShows(proc, 'N1V1_ROLE=canary');
    const otherRun = { ...proc, runId: 'run-b' };
    expect(isOurProcess(otherRun)).toBe(false);
    await expect(stopServiceProcess(otherRun)).resolves.toBe('not running');
    expect(pidAlive(proc.pid)).toBe(true);
    await expect(stopServiceProcess(proc)).resolves.toBe('stopped');
  });

  it('quotes the last lines of a service log in one line, and nothing for a missing log', async () => {
    const dir = tempDir();
    const { process: proc } = startServiceProcess({
      role: 'canary',
      command: [process.execPath, '-e', "console.log('one\\ntwo\\nthree\\nError: boom')"],
      port: 1,
      version: '1',
      runId: 'crash',
      environment: 'staging',
      logDir: join(dir, 'logs'),
      cwd: dir,
    });
    pids.push(proc.pid);
    await logShows(proc, 'boom');
    expect(logTail(proc.logFile)).toBe('two | three | Error: boom');
    expect(logTail(join(dir, 'no-such.log'))).toBe('');
  });
});
