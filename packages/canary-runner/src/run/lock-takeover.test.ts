import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock } from './lock.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A state directory whose staging lock was left by a run whose process is gone. */
function staleLock(): { dir: string; lockFile: string; claim: string } {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-lock-takeover-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'locks'), { recursive: true });
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  const lockFile = join(dir, 'locks', 'staging.lock');
  writeFileSync(
    lockFile,
    JSON.stringify({
      pid: Number(dead.stdout),
      runId: 'dead-run',
      host: hostname(),
      since: 'then',
    }),
  );
  return { dir, lockFile, claim: `${lockFile}.takeover` };
}

describe('taking over a stale environment lock', () => {
  it('clears a takeover claim that a crashed run left behind, then takes the lock', () => {
    const { dir, lockFile, claim } = staleLock();
    mkdirSync(claim);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(claim, longAgo, longAgo);

    const lock = acquireLock(dir, 'staging', 'fresh-run');

    expect(lock.tookOverFrom?.runId).toBe('dead-run');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).runId).toBe('fresh-run');
    expect(existsSync(claim)).toBe(false);
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('gives up with E_LOCKED while another run is in the middle of taking the lock over', () => {
    const { dir, lockFile, claim } = staleLock();
    mkdirSync(claim);

    expect(() => acquireLock(dir, 'staging', 'fresh-run')).toThrow(
      expect.objectContaining({
        code: 'E_LOCKED',
        message: `environment staging: could not take the lock ${lockFile}; another run keeps taking it`,
      }),
    );
    // The other run's claim and the lock it is replacing are left to it.
    expect(existsSync(claim)).toBe(true);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).runId).toBe('dead-run');
  });
});

describe('releasing the environment lock', () => {
  it('does not fail when someone deleted the lock file meanwhile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'n1v1-lock-release-'));
    dirs.push(dir);
    const lock = acquireLock(dir, 'staging', 'run-a');
    unlinkSync(lock.path);
    expect(() => lock.release()).not.toThrow();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('never removes the lock of another run that took the environment meanwhile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'n1v1-lock-release-'));
    dirs.push(dir);
    const first = acquireLock(dir, 'staging', 'run-a');
    // As the E_LOCKED message tells an operator to: the file is deleted, and run-b takes it.
    unlinkSync(first.path);
    const second = acquireLock(dir, 'staging', 'run-b');
    first.release();
    expect(JSON.parse(readFileSync(second.path, 'utf8')).runId).toBe('run-b');
    second.release();
    expect(existsSync(second.path)).toBe(false);
  });
});
