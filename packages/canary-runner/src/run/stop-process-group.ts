import { groupAlive } from './pid-alive.js';
import { sleep } from './sleep.js';

/**
 * Stops a deploy script's whole process group (SIGTERM, then SIGKILL after `graceMs`) and
 * waits until none of it is left, so that a deploy orphaned by a dead runner cannot finish
 * after the rollback that was meant to undo it. Resolves to what was done, for the journal;
 * undefined when there was nothing to stop.
 */
export async function stopProcessGroup(
  pgid: unknown,
  { graceMs = 5000, killWaitMs = 5000 } = {},
): Promise<string | undefined> {
  if (typeof pgid !== 'number' || !groupAlive(pgid)) return undefined;
  signal(pgid, 'SIGTERM');
  if (await gone(pgid, graceMs)) return `stopped the deploy's process group ${pgid} (SIGTERM)`;
  signal(pgid, 'SIGKILL');
  if (await gone(pgid, killWaitMs)) return `killed the deploy's process group ${pgid} (SIGKILL)`;
  throw new Error(`the deploy's process group ${pgid} is still running after SIGKILL`);
}

function signal(pgid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pgid, name);
  } catch {
    // Gone in between: what `gone` checks next.
  }
}

async function gone(pgid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (groupAlive(pgid)) {
    if (Date.now() > until) return false;
    await sleep(50);
  }
  return true;
}
