import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanaryError } from '../canary-error.js';
import { acquireLock } from './lock.js';
import { pidAlive } from './pid-alive.js';

const stateDir = () => mkdtempSync(join(tmpdir(), 'n1v1-lock-'));

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(result.stdout);
}

describe('the environment lock', () => {
  it('keeps a second run off the environment while the first holds it, naming the holder', () => {
    const dir = stateDir();
    const lock = acquireLock(dir, 'staging', 'run-a');
    let error: unknown;
    try {
      acquireLock(dir, 'staging', 'run-b');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CanaryError);
    expect((error as CanaryError).code).toBe('E_LOCKED');
    expect((error as Error).message).toContain(
      `environment staging is locked by run run-a (pid ${process.pid} on ${hostname()})`,
    );
    lock.release();
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    acquireLock(dir, 'staging', 'run-b').release();
  });

  it('locks each environment separately', () => {
    const dir = stateDir();
    const a = acquireLock(dir, 'staging', 'a');
    const b = acquireLock(dir, 'production', 'b');
    a.release();
    b.release();
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'locks'), { recursive: true });
    const pid = deadPid();
    expect(pidAlive(pid)).toBe(false);
    writeFileSync(
      join(dir, 'locks', 'staging.lock'),
      JSON.stringify({ pid, runId: 'dead-run', host: hostname(), since: 'then' }),
    );
    const lock = acquireLock(dir, 'staging', 'fresh');
    expect(lock.tookOverFrom).toMatchObject({ pid, runId: 'dead-run' });
    lock.release();
  });

  it('clears a takeover claim left by a runner that died while holding it, then takes over', () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'locks'), { recursive: true });
    const owner = {
      pid: deadPid(),
      runId: 'r-dead',
      host: hostname(),
      since: '2020-01-01T00:00:00Z',
    };
    writeFileSync(join(dir, 'locks', 'staging.lock'), `${JSON.stringify(owner)}\n`);
    const claim = join(dir, 'locks', 'staging.lock.takeover');
    mkdirSync(claim);
    const old = new Date(Date.now() - 60_000);
    utimesSync(claim, old, old);
    const lock = acquireLock(dir, 'staging', 'r-new');
    expect(lock.tookOverFrom).toMatchObject({ runId: 'r-dead' });
    expect(existsSync(claim)).toBe(false);
    lock.release();
  });

  it('treats an empty lock file that stays empty as stale', () => {
    const dir = stateDir();
    mkdirSync(join(dir, 'locks'), { recursive: true });
    writeFileSync(join(dir, 'locks', 'staging.lock'), '');
    const lock = acquireLock(dir, 'staging', 'fresh');
    expect(lock.tookOverFrom?.runId).toBe('unknown');
    lock.release();
  });

  it('says a pid is alive only for a real process', () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(0)).toBe(false);
    expect(pidAlive(-5)).toBe(false);
    expect(pidAlive(1)).toBe(true);
  });
});
