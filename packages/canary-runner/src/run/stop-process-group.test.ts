import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive, pidAlive } from './pid-alive.js';
import { stopProcessGroup } from './stop-process-group.js';

const started: ChildProcess[] = [];

/**
 * Starts a shell as the leader of its own process group (as the command deployer starts a
 * deploy script), which starts `children` sleeping grandchildren and prints their pids.
 */
async function startGroup(
  children: number,
  { ignoreTerm = false } = {},
): Promise<{ pgid: number; descendants: number[]; leader: ChildProcess }> {
  const trap = ignoreTerm ? "trap '' TERM; " : '';
  const script = `${trap}for i in $(seq ${children}); do sleep 60 & echo $!; done; echo ready; wait`;
  const leader = spawn('sh', ['-c', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  started.push(leader);
  let out = '';
  leader.stdout?.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    leader.stdout?.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('ready\n')) resolve();
    });
    leader.once('exit', () => reject(new Error(`group leader exited early: ${out}`)));
  });
  const descendants = out
    .split('\n')
    .filter((line) => /^\d+$/.test(line))
    .map(Number);
  return { pgid: leader.pid as number, descendants, leader };
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.pid && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
});

describe('stopProcessGroup', () => {
  it('does nothing and says nothing when there is no process group to stop', async () => {
    await expect(stopProcessGroup(undefined)).resolves.toBeUndefined();
    await expect(stopProcessGroup('1234')).resolves.toBeUndefined();
    const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    const pgid = child.pid as number;
    process.kill(-pgid, 'SIGKILL');
    await once(child, 'exit');
    await expect(stopProcessGroup(pgid)).resolves.toBeUndefined();
  });

  it('stops the whole group of a deploy script with SIGTERM and waits until all of it is gone', async () => {
    const { pgid, descendants, leader } = await startGroup(2);
    expect(descendants).toHaveLength(2);
    for (const pid of descendants) expect(pidAlive(pid)).toBe(true);
    const exited = once(leader, 'exit');

    const said = await stopProcessGroup(pgid, { graceMs: 20_000 });

    expect(said).toBe(`stopped the deploy's process group ${pgid} (SIGTERM)`);
    expect(groupAlive(pgid)).toBe(false);
    for (const pid of descendants) expect(pidAlive(pid)).toBe(false);
    const [, signal] = await exited;
    expect(signal).toBe('SIGTERM');
  });

  it('kills a group that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const { pgid, descendants, leader } = await startGroup(1, { ignoreTerm: true });
    const exited = once(leader, 'exit');

    const said = await stopProcessGroup(pgid, { graceMs: 300, killWaitMs: 20_000 });

    expect(said).toBe(`killed the deploy's process group ${pgid} (SIGKILL)`);
    expect(groupAlive(pgid)).toBe(false);
    for (const pid of descendants) expect(pidAlive(pid)).toBe(false);
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
  });
});
