import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive, pidAlive } from '../src/run/pid-alive.js';
import { stopProcessGroup } from '../src/run/stop-process-group.js';

const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Stopped by the test.
    }
  }
});

/** A shell in a process group of its own with a child, as a deploy script with its tools. */
function group(script: string): number {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  started.push(child);
  return child.pid!;
}

describe('stopProcessGroup', () => {
  it('stops a whole process group with SIGTERM and says so', async () => {
    const pgid = group('sleep 30 & wait');
    expect(groupAlive(pgid)).toBe(true);
    expect(await stopProcessGroup(pgid)).toBe(
      `stopped the deploy's process group ${pgid} (SIGTERM)`,
    );
    expect(groupAlive(pgid)).toBe(false);
  });

  it('kills a group that ignores SIGTERM once the grace is over', async () => {
    const pgid = group('trap "" TERM; while true; do sleep 0.1; done');
    await new Promise((r) => setTimeout(r, 200));
    expect(await stopProcessGroup(pgid, { graceMs: 300 })).toBe(
      `killed the deploy's process group ${pgid} (SIGKILL)`,
    );
    expect(groupAlive(pgid)).toBe(false);
  });

  it('has nothing to do for a group that is gone or a value that is no pid', async () => {
    expect(await stopProcessGroup(undefined)).toBeUndefined();
    expect(await stopProcessGroup(2 ** 22 + 7)).toBeUndefined();
    expect(groupAlive(1)).toBe(false);
    expect(pidAlive(-3)).toBe(false);
    expect(pidAlive(process.pid)).toBe(true);
  });
});
