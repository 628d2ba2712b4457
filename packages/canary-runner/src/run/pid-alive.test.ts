import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { groupAlive, pidAlive } from './pid-alive.js';

describe('pidAlive', () => {
  it('says the current process is alive', () => {
    expect(pidAlive(process.pid)).toBe(true);
  });

  it('says a pid that is not a positive integer is not alive', () => {
    expect(pidAlive(0)).toBe(false);
    expect(pidAlive(-5)).toBe(false);
    expect(pidAlive(1.5)).toBe(false);
    expect(pidAlive(Number.NaN)).toBe(false);
  });

  it('says a child is not alive once it has exited and been waited for', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid as number;
    await once(child, 'exit');
    // The exit event fires after libuv reaped the child, so the pid is free now.
    expect(pidAlive(pid)).toBe(false);
  });
});

describe('groupAlive', () => {
  it('says a detached child’s own process group is alive while it runs and gone after', async () => {
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const pgid = child.pid as number;
    try {
      expect(groupAlive(pgid)).toBe(true);
    } finally {
      process.kill(-pgid, 'SIGKILL');
      await once(child, 'exit');
    }
    expect(groupAlive(pgid)).toBe(false);
  });

  it('refuses process group ids that would address init or every process', () => {
    expect(groupAlive(1)).toBe(false);
    expect(groupAlive(0)).toBe(false);
    expect(groupAlive(-1)).toBe(false);
    expect(groupAlive(2.5)).toBe(false);
  });
});
