import {
  linkSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
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

/** A takeover claim older than this was left by a process that died inside one (they take ms). */
const STALE_CLAIM_MS = 10_000;
const ATTEMPTS = 200;

/**
 * Takes the environment's lock. The lock file appears whole or not at all (written aside,
 * then hard-linked into place, which fails if it exists), so two runs can never both create
 * it and nobody ever reads it half-written. A lock whose process is gone on this host is
 * stale; taking it over is atomic: only the run holding the takeover claim (a directory,
 * created exclusively) may remove it, and only after reading again, under the claim, that it
 * is still the same stale lock. Without the claim, two runs that both saw the stale lock
 * could each remove it, the second removing the first's fresh one, and both hold it.
 * A live holder is E_LOCKED with who and since when.
 */
export function acquireLock(stateDir: string, env: string, runId: string): EnvironmentLock {
  const path = statePath(stateDir, 'locks', `${validateEnvName(env)}.lock`);
  mkdirSync(dirname(path), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    runId,
    host: hostname(),
    since: new Date().toISOString(),
  };
  const text = `${JSON.stringify(owner)}\n`;
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createLock(path, text, runId)) return held(path, runId, tookOverFrom);
    const seen = readText(path);
    if (seen === undefined) continue; // released in between: try again
    const holder = parseOwner(seen);
    if (holder && (holder.host !== owner.host || pidAlive(holder.pid))) {
      throw new CanaryError(
        'E_LOCKED',
        `environment ${env} is locked by run ${holder.runId} (pid ${holder.pid} on ${holder.host}) since ${holder.since}; wait for it, or delete ${path} if that process is gone`,
      );
    }
    const claim = `${path}.takeover`;
    if (!takeClaim(claim)) {
      pause(5);
      continue;
    }
    try {
      // Under the claim nobody else removes the lock, and nobody creates one while it exists:
      // if it still reads the same, it is still the stale one.
      if (readText(path) === seen) {
        unlinkSync(path);
        tookOverFrom = holder ?? { pid: 0, runId: 'unknown', host: owner.host, since: 'unknown' };
      }
      if (createLock(path, text, runId)) return held(path, runId, tookOverFrom);
    } finally {
      rmdirSync(claim);
    }
  }
  throw new CanaryError(
    'E_LOCKED',
    `environment ${env}: could not take the lock ${path}; another run keeps taking it`,
  );
}

function held(path: string, runId: string, tookOverFrom: LockOwner | undefined): EnvironmentLock {
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
}

/** Writes the lock aside and links it into place: true when this run created it. */
function createLock(path: string, text: string, runId: string): boolean {
  const aside = `${path}.${process.pid}.${runId}.tmp`;
  writeFileSync(aside, text);
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(aside);
  }
}

function takeClaim(claim: string): boolean {
  try {
    mkdirSync(claim);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(claim).mtimeMs > STALE_CLAIM_MS) rmdirSync(claim);
    } catch {
      // Gone already: the next attempt takes it.
    }
    return false;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner?.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The holder named in a lock file; undefined when the file is gone or unreadable. */
export function readOwner(path: string): LockOwner | undefined {
  const text = readText(path);
  return text === undefined ? undefined : parseOwner(text);
}
