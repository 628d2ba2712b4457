import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CanaryError } from '../canary-error.js';
import { pidAlive } from './pid-alive.js';
import { statePath, validateEnvName } from './state-paths.js';

/** What a lock file holds: who holds the environment. */
export interface LockOwner {
  pid: number;
  runId: string;
  host: string;
  since: string;
}

export interface EnvironmentLock {
  readonly path: string;
  /** Whether a stale lock of a dead process was taken over. */
  readonly tookOverFrom?: LockOwner;
  release(): void;
}

/**
 * Takes the environment's lock: a file created exclusively (O_EXCL), so that two runs can
 * never both hold it. A lock whose process is gone on this host is stale and taken over;
 * a live holder is E_LOCKED with who and since when.
 */
export function acquireLock(stateDir: string, env: string, runId: string): EnvironmentLock {
  const path = statePath(stateDir, 'locks', `${validateEnvName(env)}.lock`);
  mkdirSync(join(stateDir, 'locks'), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    runId,
    host: hostname(),
    since: new Date().toISOString(),
  };
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(owner)}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        ...(tookOverFrom ? { tookOverFrom } : {}),
        release() {
          if (released) return;
          released = true;
          if (readOwner(path)?.runId === runId) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(path) ?? readOwnerAfterWrite(path);
      if (holder && (holder.host !== owner.host || pidAlive(holder.pid))) {
        throw new CanaryError(
          'E_LOCKED',
          `environment ${env} is locked by run ${holder.runId} (pid ${holder.pid} on ${holder.host}) since ${holder.since}; wait for it, or delete ${path} if that process is gone`,
        );
      }
      tookOverFrom = holder ?? { pid: 0, runId: 'unknown', host: owner.host, since: 'unknown' };
      try {
        unlinkSync(path);
      } catch {
        // Another run removed it first; the next attempt decides.
      }
    }
  }
  throw new CanaryError(
    'E_LOCKED',
    `environment ${env}: could not take the lock ${path}; another run keeps taking it`,
  );
}

/** A lock file just created is empty for an instant: look again before calling it stale. */
function readOwnerAfterWrite(path: string): LockOwner | undefined {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  return readOwner(path);
}

/** The holder named in a lock file; undefined when the file is gone or half-written. */
export function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}
